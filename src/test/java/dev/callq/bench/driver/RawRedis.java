package dev.callq.bench.driver;

import dev.callq.bench.env.RedisEndpoint;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A RESP2 connection that belongs to neither client under test, so the tests can clean up and
 * ask the server what it sees (CLIENT LIST) without trusting the code they check.
 */
final class RawRedis implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawRedis(RedisEndpoint endpoint) {
        try {
            socket = new Socket(endpoint.host(), endpoint.port());
            socket.setSoTimeout(5_000);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends one command; returns a String, Long, List or null, and throws on an error reply. */
    Object call(String... args) {
        try {
            ByteArrayOutputStream command = new ByteArrayOutputStream();
            command.write(("*" + args.length + "\r\n").getBytes(StandardCharsets.UTF_8));
            for (String arg : args) {
                byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
                command.write(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
                command.write(bytes);
                command.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            out.write(command.toByteArray());
            out.flush();
            return readReply();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Object readReply() throws IOException {
        int type = in.read();
        String line = readLine();
        switch (type) {
            case '+':
                return line;
            case '-':
                throw new IllegalStateException("Redis error: " + line);
            case ':':
                return Long.parseLong(line);
            case '$': {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    return null;
                }
                byte[] bytes = in.readNBytes(length + 2);
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            case '*': {
                int count = Integer.parseInt(line);
                if (count < 0) {
                    return null;
                }
                List<Object> items = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    items.add(readReply());
                }
                return items;
            }
            default:
                throw new IllegalStateException("unexpected reply type " + (char) type);
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\r') {
            if (b < 0) {
                throw new IOException("connection closed by Redis");
            }
            line.write(b);
        }
        in.read(); // the '\n'
        return line.toString(StandardCharsets.UTF_8);
    }

    /** The CLIENT LIST line of the connection with this name, or null. */
    /** Every CLIENT LIST line of the connections named {@code clientName}. */
    List<String> clientListLines(String clientName) {
        List<String> lines = new ArrayList<>();
        for (String line : ((String) call("CLIENT", "LIST")).split("\n")) {
            if (line.contains(" name=" + clientName + " ")) {
                lines.add(line.strip());
            }
        }
        return lines;
    }

    String clientListLine(String clientName) {
        for (String line : ((String) call("CLIENT", "LIST")).split("\n")) {
            if (line.contains(" name=" + clientName + " ")) {
                return line.strip();
            }
        }
        return null;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
