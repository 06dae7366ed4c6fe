package dev.callq.bench.env;

import dev.callq.bench.HarnessException;

import javax.net.ssl.SSLSocket;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
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
 * One plain RESP2 connection, logged in (AUTH, TLS, the database, the master a Sentinel names) as the
 * endpoint says: {@link RedisProbe}'s checks and the harness's own bookkeeping in Redis (the shards'
 * barrier, the clock's {@code TIME}), so that none of them needs a client library under test. Replies
 * come back as {@code String}, {@code Long}, {@code List}, null or {@link Error}. Not thread-safe.
 */
public final class RespConnection implements AutoCloseable {
    private final RedisEndpoint endpoint;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RespConnection(RedisEndpoint endpoint, Socket socket) throws IOException {
        this.endpoint = endpoint;
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects (through Sentinel if need be), authenticates and selects the database. */
    public static RespConnection open(RedisEndpoint endpoint, Duration timeout) throws IOException {
        RedisEndpoint server = RedisProbe.master(endpoint);
        RespConnection session = connect(server.nodes().get(0), server.tls(), server, timeout);
        try {
            if (server.hasPassword()) {
                Object reply = server.user() == null ? session.send("AUTH", server.password())
                        : session.send("AUTH", server.user(), server.password());
                if (reply instanceof Error error) {
                    // WRONGPASS (a wrong user or password), or ERR when the server has no password.
                    throw new HarnessException("authentication failed for Redis user '" + server.userName()
                            + "' at " + server + ": " + error.message());
                }
            }
            if (server.database() != 0 && session.send("SELECT", Integer.toString(server.database()))
                    instanceof Error error) {
                throw new HarnessException("Redis at " + server + " cannot select database " + server.database()
                        + ": " + error.message());
            }
            return session;
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    static RespConnection connect(RedisEndpoint.Address address, boolean tls, RedisEndpoint endpoint, Duration timeout)
            throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(address.host(), address.port()), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            if (tls) {
                SSLSocket secure = (SSLSocket) RedisTls.context(endpoint.caFile()).getSocketFactory()
                        .createSocket(socket, address.host(), address.port(), true);
                secure.setSSLParameters(RedisTls.verifyingHostName(secure.getSSLParameters()));
                secure.startHandshake();
                socket = secure;
            }
            return new RespConnection(endpoint, socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Opens a connection for the harness's own bookkeeping, failing with a one-line error: Redis unreachable,
     * or the login refused.
     */
    public static RespConnection login(RedisEndpoint endpoint, Duration timeout) {
        try {
            return open(endpoint, timeout);
        } catch (IOException e) {
            throw new HarnessException("Redis at " + endpoint + " is unreachable: " + e.getMessage(), e);
        }
    }

    public RedisEndpoint endpoint() {
        return endpoint;
    }

    /** Sends one command and returns its reply; an error reply or a broken connection is a {@link HarnessException}. */
    public Object call(String... args) {
        Object reply;
        try {
            reply = send(args);
        } catch (IOException e) {
            throw new HarnessException("Redis at " + endpoint + " failed on " + args[0] + ": " + e.getMessage(), e);
        }
        if (reply instanceof Error error) {
            throw new HarnessException("Redis at " + endpoint + " replied to " + args[0] + " with an error: "
                    + error.message());
        }
        return reply;
    }

    /** A reply that must be an integer (INCR, EXISTS, LLEN). */
    public long callForLong(String... args) {
        Object reply = call(args);
        if (reply instanceof Long value) {
            return value;
        }
        throw new HarnessException("Redis at " + endpoint + " answered " + args[0] + " with " + reply + ", not an integer");
    }

    /** Sends one command as a RESP array and reads its reply: String, Long, List, null or Error. */
    public Object send(String... args) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (String arg : args) {
            byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            request.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            request.writeBytes(bytes);
            request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.write(request.toByteArray());
        out.flush();
        return read();
    }

    private Object read() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("connection closed by the server");
        }
        String line = readLine();
        return switch (type) {
            case '+' -> line;
            case '-' -> Error.of(line);
            case ':' -> Long.parseLong(line);
            case '$' -> bulk(Integer.parseInt(line));
            case '*' -> array(Integer.parseInt(line));
            default -> throw new IOException("not a RESP reply (starts with '" + (char) type + "')");
        };
    }

    private String bulk(int length) throws IOException {
        if (length < 0) {
            return null;
        }
        byte[] bytes = in.readNBytes(length + 2);
        if (bytes.length < length + 2) {
            throw new EOFException("connection closed in the middle of a reply");
        }
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    private List<Object> array(int length) throws IOException {
        if (length < 0) {
            return null;
        }
        List<Object> items = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            items.add(read());
        }
        return items;
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\r'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("connection closed in the middle of a reply");
            }
            line.write(b);
        }
        in.read();
        return line.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing: nothing left to do with it
        }
    }

    /** An error reply: its code (the first word, e.g. WRONGPASS) and the whole message. */
    public record Error(String code, String message) {
        static Error of(String line) {
            int space = line.indexOf(' ');
            return new Error(space < 0 ? line : line.substring(0, space), line);
        }
    }
}
