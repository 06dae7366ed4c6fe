package dev.callq.bench.env;

import dev.callq.bench.HarnessException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Readiness and version checks against a Redis server, spoken in plain RESP so that the
 * environment layer needs neither client library (those belong to the drivers under test).
 */
public final class RedisProbe {
    private RedisProbe() {
    }

    /** True when the server answers PING with PONG within {@code timeout}. */
    public static boolean ping(RedisEndpoint endpoint, Duration timeout) {
        try {
            return query(endpoint, "PING", timeout).contains("PONG");
        } catch (IOException e) {
            return false;
        }
    }

    /** Fails with a one-line error unless the server answers PING. */
    public static void requireReachable(RedisEndpoint endpoint) {
        if (!ping(endpoint, Duration.ofSeconds(2))) {
            throw new HarnessException("Redis at " + endpoint + " is unreachable (no PONG within 2 s)");
        }
    }

    /** The {@code redis_version} field of INFO server, or "unknown". */
    public static String version(RedisEndpoint endpoint) {
        try {
            for (String line : query(endpoint, "INFO server", Duration.ofSeconds(2)).split("\r\n")) {
                if (line.startsWith("redis_version:")) {
                    return line.substring("redis_version:".length());
                }
            }
        } catch (IOException e) {
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
        try {
            for (String line : query(endpoint, "INFO cpu", Duration.ofSeconds(2)).split("\r\n")) {
                if (line.startsWith("used_cpu_user:")) {
                    user = Double.parseDouble(line.substring("used_cpu_user:".length()));
                } else if (line.startsWith("used_cpu_sys:")) {
                    system = Double.parseDouble(line.substring("used_cpu_sys:".length()));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return null;
        }
        return Double.isNaN(user) || Double.isNaN(system) ? null : new double[] {user, system};
    }

    private static String query(RedisEndpoint endpoint, String inlineCommand, Duration timeout) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write((inlineCommand + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[16384];
            StringBuilder reply = new StringBuilder();
            long deadlineNanos = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadlineNanos) {
                int read = in.read(buffer);
                if (read < 0) {
                    break;
                }
                reply.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                if (isComplete(reply)) {
                    break;
                }
            }
            return reply.toString();
        }
    }

    /** A simple string or error is one line; a bulk string is complete when its declared length has arrived. */
    private static boolean isComplete(StringBuilder reply) {
        if (reply.length() == 0 || reply.indexOf("\r\n") < 0) {
            return false;
        }
        if (reply.charAt(0) != '$') {
            return true;
        }
        int headerEnd = reply.indexOf("\r\n");
        int length = Integer.parseInt(reply.substring(1, headerEnd));
        return length < 0 || reply.toString().getBytes(StandardCharsets.UTF_8).length >= headerEnd + 2 + length + 2;
    }
}
