package dev.callq.bench.env;

import dev.callq.bench.HarnessException;
import dev.callq.bench.env.RespConnection.Error;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Readiness, login, permission and version checks against a Redis server, spoken in plain RESP so
 * that the environment layer needs neither client library (those belong to the drivers under test).
 * Every failure is a one-line message that names its cause and never shows the password.
 */
public final class RedisProbe {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Pattern COMMAND_CALLS = Pattern.compile("^cmdstat_([^:]+):calls=(\\d+)");

    private RedisProbe() {
    }

    /** True when the server lets the endpoint's user in and answers PING within {@code timeout}. */
    public static boolean ping(RedisEndpoint endpoint, Duration timeout) {
        try (RespConnection session = RespConnection.open(endpoint, timeout)) {
            return "PONG".equals(session.send("PING"));
        } catch (IOException | HarnessException e) {
            return false;
        }
    }

    /** Fails with a one-line error naming the cause unless the server lets the user in and answers PING. */
    public static void requireReachable(RedisEndpoint endpoint) {
        try (RespConnection session = RespConnection.open(endpoint, TIMEOUT)) {
            Object pong = session.send("PING");
            if (pong instanceof Error error) {
                throw loginFailure(session.endpoint(), error);
            }
        } catch (SSLException e) {
            if (endpoint.tls() && answersPlainText(endpoint)) {
                throw plainTextPort(endpoint);
            }
            throw new HarnessException("TLS handshake with Redis at " + endpoint + " failed: " + tlsReason(endpoint, e)
                    + (endpoint.caFile() == null ? "; give the CA that signed its certificate with --redis-ca" : ""));
        } catch (IOException e) {
            // A plain-text Redis reads a TLS ClientHello as the start of an inline command and waits for its
            // end: the handshake times out, which would otherwise read as an unreachable server.
            if (endpoint.tls() && answersPlainText(endpoint)) {
                throw plainTextPort(endpoint);
            }
            throw new HarnessException("Redis at " + endpoint + " is unreachable (no PONG within "
                    + TIMEOUT.toSeconds() + " s)");
        }
    }

    private static HarnessException plainTextPort(RedisEndpoint endpoint) {
        return new HarnessException("Redis at " + endpoint + " speaks plain text, not TLS, on port " + endpoint.port()
                + ": use redis:// for it, or its TLS port (tls-port) with rediss://");
    }

    /** Whether the endpoint's port answers a plain-text PING with a RESP reply (+PONG, or an error such as NOAUTH). */
    private static boolean answersPlainText(RedisEndpoint endpoint) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), (int) TIMEOUT.toMillis());
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            int first = socket.getInputStream().read();
            return first == '+' || first == '-';
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Fails with a one-line error naming the command and the user unless the user may run each of
     * {@code commands} on the keys they name. They are queued in a transaction and discarded: Redis
     * checks permissions as it queues, so nothing runs.
     */
    public static void requirePermitted(RedisEndpoint endpoint, List<List<String>> commands) {
        try (RespConnection session = RespConnection.open(endpoint, TIMEOUT)) {
            session.send("MULTI");
            try {
                for (List<String> command : commands) {
                    if (session.send(command.toArray(String[]::new)) instanceof Error error
                            && error.code().equals("NOPERM")) {
                        throw new HarnessException("Redis user '" + endpoint.userName() + "' may not run "
                                + String.join(" ", command) + " (" + error.message()
                                + "); grant it, e.g. ACL SETUSER " + endpoint.userName() + " +"
                                + command.get(0).toLowerCase(Locale.ROOT));
                    }
                }
            } finally {
                session.send("DISCARD");
            }
        } catch (IOException e) {
            throw new HarnessException("Redis at " + endpoint + " is unreachable: " + firstLine(e));
        }
    }

    /** The {@code redis_version} field of INFO server, or "unknown". */
    public static String version(RedisEndpoint endpoint) {
        try (RespConnection session = RespConnection.open(endpoint, TIMEOUT)) {
            if (session.send("INFO", "server") instanceof String info) {
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
        try (RespConnection session = RespConnection.open(endpoint, TIMEOUT)) {
            if (session.send("INFO", "cpu") instanceof String info) {
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
        try (RespConnection session = RespConnection.open(endpoint, TIMEOUT)) {
            if (session.send("INFO", "clients") instanceof String info) {
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
        try (RespConnection session = RespConnection.open(endpoint, TIMEOUT)) {
            if (session.send("CLIENT", "PAUSE", Long.toString(stall.toMillis()), "WRITE") instanceof Error error) {
                throw new HarnessException("Redis at " + endpoint + " refused CLIENT PAUSE: " + error.message());
            }
        } catch (IOException e) {
            throw new HarnessException("Redis at " + endpoint + " is unreachable: " + firstLine(e));
        }
    }

    /** INFO {@code section} of a server, or null when it does not answer. */
    public static String info(RedisEndpoint endpoint, String section) {
        try (RespConnection session = RespConnection.open(endpoint, TIMEOUT)) {
            return session.send("INFO", section) instanceof String info ? info : null;
        } catch (IOException | HarnessException e) {
            return null;
        }
    }

    /**
     * Calls per command (lower case, e.g. rpush; a subcommand as xgroup|create) in the text of INFO commandstats,
     * or of an INFO reply holding that section among others. Commands a server refused count in its
     * {@code rejected_calls}, not here.
     */
    public static Map<String, Long> commandCalls(String info) {
        Map<String, Long> calls = new LinkedHashMap<>();
        for (String line : info.split("\\r?\\n")) {
            // cmdstat_rpush:calls=12,usec=40,usec_per_call=3.33,rejected_calls=0,failed_calls=0
            Matcher matcher = COMMAND_CALLS.matcher(line);
            if (matcher.find()) {
                calls.put(matcher.group(1).toLowerCase(Locale.ROOT), Long.parseLong(matcher.group(2)));
            }
        }
        return calls;
    }

    /** A server's calls per command now (INFO commandstats); a {@link HarnessException} when it does not answer. */
    public static Map<String, Long> commandCalls(RedisEndpoint endpoint) {
        String info = info(endpoint, "commandstats");
        if (info == null) {
            throw new HarnessException("Redis at " + endpoint + " did not answer INFO commandstats");
        }
        return commandCalls(info);
    }

    /** The endpoint itself, or for Sentinel the master the first answering sentinel names. */
    public static RedisEndpoint master(RedisEndpoint endpoint) {
        if (endpoint.kind() != RedisEndpoint.Kind.SENTINEL) {
            return endpoint;
        }
        List<String> failures = new ArrayList<>();
        for (RedisEndpoint.Address sentinel : endpoint.nodes()) {
            try (RespConnection session = RespConnection.connect(sentinel, false, null, TIMEOUT)) {
                Object reply = session.send("SENTINEL", "get-master-addr-by-name", endpoint.masterName());
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
}
