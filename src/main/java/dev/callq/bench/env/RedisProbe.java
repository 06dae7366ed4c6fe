package dev.callq.bench.env;

import dev.callq.bench.HarnessException;

import javax.net.ssl.SSLException;
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
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Readiness, login, permission and version checks against a Redis server, spoken in plain RESP so
 * that the environment layer needs neither client library (those belong to the drivers under test).
 * Every failure is a one-line message that names its cause and never shows the password.
 */
public final class RedisProbe {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private RedisProbe() {
    }

    /** True when the server lets the endpoint's user in and answers PING within {@code timeout}. */
    public static boolean ping(RedisEndpoint endpoint, Duration timeout) {
        try (Session session = Session.open(endpoint, timeout)) {
            return "PONG".equals(session.call("PING"));
        } catch (IOException | HarnessException e) {
            return false;
        }
    }

    /** Fails with a one-line error naming the cause unless the server lets the user in and answers PING. */
    public static void requireReachable(RedisEndpoint endpoint) {
        try (Session session = Session.open(endpoint, TIMEOUT)) {
            Object pong = session.call("PING");
            if (pong instanceof Error error) {
                throw loginFailure(session.endpoint, error);
            }
        } catch (SSLException e) {
            throw new HarnessException("TLS handshake with Redis at " + endpoint + " failed: " + tlsReason(endpoint, e)
                    + (endpoint.caFile() == null ? "; give the CA that signed its certificate with --redis-ca" : ""));
        } catch (IOException e) {
            throw new HarnessException("Redis at " + endpoint + " is unreachable (no PONG within "
                    + TIMEOUT.toSeconds() + " s)");
        }
    }

    /**
     * Fails with a one-line error naming the command and the user unless the user may run each of
     * {@code commands} on the keys they name. They are queued in a transaction and discarded: Redis
     * checks permissions as it queues, so nothing runs.
     */
    public static void requirePermitted(RedisEndpoint endpoint, List<List<String>> commands) {
        try (Session session = Session.open(endpoint, TIMEOUT)) {
            session.call("MULTI");
            try {
                for (List<String> command : commands) {
                    if (session.call(command.toArray(String[]::new)) instanceof Error error
                            && error.code().equals("NOPERM")) {
                        throw new HarnessException("Redis user '" + endpoint.userName() + "' may not run "
                                + String.join(" ", command) + " (" + error.message()
                                + "); grant it, e.g. ACL SETUSER " + endpoint.userName() + " +"
                                + command.get(0).toLowerCase(Locale.ROOT));
                    }
                }
            } finally {
                session.call("DISCARD");
            }
        } catch (IOException e) {
            throw new HarnessException("Redis at " + endpoint + " is unreachable: " + firstLine(e));
        }
    }

    /** The {@code redis_version} field of INFO server, or "unknown". */
    public static String version(RedisEndpoint endpoint) {
        try (Session session = Session.open(endpoint, TIMEOUT)) {
            if (session.call("INFO", "server") instanceof String info) {
                for (String line : info.split("\r\n")) {
                    if (line.startsWith("redis_version:")) {
                        return line.substring("redis_version:".length());
                    }
                }
            }
        } catch (IOException | HarnessException e) {
            // fall through: the version is informational
        }
        return "unknown";
    }

    /**
     * The server's CPU time so far, user and system, in seconds: {@code used_cpu_user} and
     * {@code used_cpu_sys} of INFO cpu (every thread of the server); null when they cannot be read.
     */
    public static double[] cpuSeconds(RedisEndpoint endpoint) {
        double user = Double.NaN;
        double system = Double.NaN;
        try (Session session = Session.open(endpoint, TIMEOUT)) {
            if (session.call("INFO", "cpu") instanceof String info) {
                for (String line : info.split("\r\n")) {
                    if (line.startsWith("used_cpu_user:")) {
                        user = Double.parseDouble(line.substring("used_cpu_user:".length()).strip());
                    } else if (line.startsWith("used_cpu_sys:")) {
                        system = Double.parseDouble(line.substring("used_cpu_sys:".length()).strip());
                    }
                }
            }
        } catch (IOException | HarnessException | NumberFormatException e) {
            return null;
        }
        return Double.isNaN(user) || Double.isNaN(system) ? null : new double[] {user, system};
    }

    /**
     * Fails with a one-line error when the server accepts fewer clients than {@code connections} (its
     * {@code maxclients}, from INFO clients): the connection past it would fail mid-run. An older server
     * that does not report it is not checked.
     */
    public static void requireRoomFor(RedisEndpoint endpoint, int connections) {
        long maxClients = -1;
        try (Session session = Session.open(endpoint, TIMEOUT)) {
            if (session.call("INFO", "clients") instanceof String info) {
                for (String line : info.split("\r\n")) {
                    if (line.startsWith("maxclients:")) {
                        maxClients = Long.parseLong(line.substring("maxclients:".length()).strip());
                    }
                }
            }
        } catch (IOException | HarnessException | NumberFormatException e) {
            return;
        }
        if (maxClients >= 0 && maxClients < connections) {
            throw new HarnessException("Redis at " + endpoint + " accepts " + maxClients + " clients (maxclients); "
                    + "this run needs " + connections + ": lower --workers");
        }
    }

    /**
     * Pauses the clients that write, BLPOP included (Redis's {@code CLIENT PAUSE ms WRITE}), for {@code stall}:
     * what they send meanwhile waits, as if Redis were that slow. Reads and this connection go on.
     */
    public static void pauseWriters(RedisEndpoint endpoint, Duration stall) {
        try (Session session = Session.open(endpoint, TIMEOUT)) {
            if (session.call("CLIENT", "PAUSE", Long.toString(stall.toMillis()), "WRITE") instanceof Error error) {
                throw new HarnessException("Redis at " + endpoint + " refused CLIENT PAUSE: " + error.message());
            }
        } catch (IOException e) {
            throw new HarnessException("Redis at " + endpoint + " is unreachable: " + firstLine(e));
        }
    }

    /** INFO {@code section} of a server, or null when it does not answer. */
    public static String info(RedisEndpoint endpoint, String section) {
        try (Session session = Session.open(endpoint, TIMEOUT)) {
            return session.call("INFO", section) instanceof String info ? info : null;
        } catch (IOException | HarnessException e) {
            return null;
        }
    }

    /** The endpoint itself, or for Sentinel the master the first answering sentinel names. */
    public static RedisEndpoint master(RedisEndpoint endpoint) {
        if (endpoint.kind() != RedisEndpoint.Kind.SENTINEL) {
            return endpoint;
        }
        List<String> failures = new ArrayList<>();
        for (RedisEndpoint.Address sentinel : endpoint.nodes()) {
            try (Session session = Session.connect(sentinel, false, null, TIMEOUT)) {
                Object reply = session.call("SENTINEL", "get-master-addr-by-name", endpoint.masterName());
                if (reply instanceof List<?> hostPort && hostPort.size() == 2) {
                    return endpoint.onMaster(new RedisEndpoint.Address(String.valueOf(hostPort.get(0)),
                            Integer.parseInt(String.valueOf(hostPort.get(1)))));
                }
                failures.add(sentinel + ": " + (reply instanceof Error error ? error.message()
                        : "knows no master named '" + endpoint.masterName() + "'"));
            } catch (IOException e) {
                failures.add(sentinel + ": " + firstLine(e));
            }
        }
        throw new HarnessException("no sentinel of " + endpoint + " names the master: " + String.join("; ", failures));
    }

    /** Why a server refused a command before login, said so that the user knows what to change. */
    private static HarnessException loginFailure(RedisEndpoint endpoint, Error error) {
        if (error.code().equals("NOAUTH")) {
            return new HarnessException("Redis at " + endpoint + " requires authentication (NOAUTH): give the "
                    + "password in the URL, redis://[user]:password@host:port");
        }
        return new HarnessException("Redis at " + endpoint + " refused the connection: " + error.message());
    }

    /** Why a handshake failed, in the words of what the user can change. */
    private static String tlsReason(RedisEndpoint endpoint, SSLException failure) {
        Throwable innermost = failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException) {
                return "its certificate does not chain to " + (endpoint.caFile() == null ? "a CA the JVM trusts"
                        : "the CA in " + endpoint.caFile());
            }
            if (t instanceof CertificateException && String.valueOf(t.getMessage()).startsWith("No ")) {
                // "No subject alternative names matching IP address …", "No name matching … found"
                return "its certificate does not name " + endpoint.host() + " (" + firstLine(t) + ")";
            }
            innermost = t;
        }
        return firstLine(innermost);
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message).strip();
    }

    /** An error reply: its code (the first word, e.g. WRONGPASS) and the whole message. */
    private record Error(String code, String message) {
        static Error of(String line) {
            int space = line.indexOf(' ');
            return new Error(space < 0 ? line : line.substring(0, space), line);
        }
    }

    /** One connection, logged in and on the endpoint's database. */
    private static final class Session implements AutoCloseable {
        private final RedisEndpoint endpoint;
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        private Session(RedisEndpoint endpoint, Socket socket) throws IOException {
            this.endpoint = endpoint;
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        }

        /** Connects (through Sentinel if need be), authenticates and selects the database. */
        static Session open(RedisEndpoint endpoint, Duration timeout) throws IOException {
            RedisEndpoint server = master(endpoint);
            Session session = connect(server.nodes().get(0), server.tls(), server, timeout);
            try {
                if (server.hasPassword()) {
                    Object reply = server.user() == null ? session.call("AUTH", server.password())
                            : session.call("AUTH", server.user(), server.password());
                    if (reply instanceof Error error) {
                        // WRONGPASS (a wrong user or password), or ERR when the server has no password.
                        throw new HarnessException("authentication failed for Redis user '" + server.userName()
                                + "' at " + server + ": " + error.message());
                    }
                }
                if (server.database() != 0 && session.call("SELECT", Integer.toString(server.database()))
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

        static Session connect(RedisEndpoint.Address address, boolean tls, RedisEndpoint endpoint, Duration timeout)
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
                return new Session(endpoint, socket);
            } catch (IOException | RuntimeException e) {
                socket.close();
                throw e;
            }
        }

        /** Sends one command as a RESP array and reads its reply: String, Long, List, null or Error. */
        Object call(String... args) throws IOException {
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
        public void close() throws IOException {
            socket.close();
        }
    }
}
