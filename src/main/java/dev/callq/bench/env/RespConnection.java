package dev.callq.bench.env;

import dev.callq.bench.HarnessException;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One plain RESP2 connection for the harness's own bookkeeping in Redis (the shards' barrier, the
 * clock's {@code TIME}), so that neither needs a client library under test. Replies come back as
 * {@code Long}, {@code String}, {@code List} or null; an error reply is a {@link HarnessException}.
 * Not thread-safe.
 */
public final class RespConnection implements AutoCloseable {
    private final RedisEndpoint endpoint;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RespConnection(RedisEndpoint endpoint, Duration timeout) {
        this.endpoint = endpoint;
        this.socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream());
            out = new BufferedOutputStream(socket.getOutputStream());
        } catch (IOException e) {
            close();
            throw new HarnessException("Redis at " + endpoint + " is unreachable: " + e.getMessage(), e);
        }
    }

    /** Sends one command and returns its reply. */
    public Object call(String... args) {
        try {
            StringBuilder command = new StringBuilder("*").append(args.length).append("\r\n");
            for (String arg : args) {
                command.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg).append("\r\n");
            }
            out.write(command.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return read();
        } catch (IOException e) {
            throw new HarnessException("Redis at " + endpoint + " failed on " + args[0] + ": " + e.getMessage(), e);
        }
    }

    /** A reply that must be an integer (INCR, EXISTS, LLEN). */
    public long callForLong(String... args) {
        Object reply = call(args);
        if (reply instanceof Long value) {
            return value;
        }
        throw new HarnessException("Redis at " + endpoint + " answered " + args[0] + " with " + reply + ", not an integer");
    }

    private Object read() throws IOException {
        int type = in.read();
        String line = readLine();
        return switch (type) {
            case '+' -> line;
            case '-' -> throw new HarnessException("Redis at " + endpoint + " replied with an error: " + line);
            case ':' -> Long.parseLong(line);
            case '$' -> readBulk(Integer.parseInt(line));
            case '*' -> {
                int count = Integer.parseInt(line);
                if (count < 0) {
                    yield null;
                }
                List<Object> items = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    items.add(read());
                }
                yield items;
            }
            case -1 -> throw new IOException("connection closed");
            default -> throw new IOException("unexpected reply type '" + (char) type + "'");
        };
    }

    private String readBulk(int length) throws IOException {
        if (length < 0) {
            return null;
        }
        byte[] bytes = in.readNBytes(length + 2);
        if (bytes.length < length + 2) {
            throw new IOException("connection closed mid-reply");
        }
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != '\r') {
            if (c < 0) {
                throw new IOException("connection closed mid-reply");
            }
            line.append((char) c);
        }
        in.read();
        return line.toString();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing: nothing left to do with it
        }
    }
}
