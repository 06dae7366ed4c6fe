package dev.callq.bench.driver;

import dev.callq.bench.HarnessException;
import dev.callq.bench.env.RedisEndpoint;

import java.net.ConnectException;

/** Turns a client library's connect failure into the one-line error the CLI prints. */
public final class Unreachable {
    private Unreachable() {
    }

    /**
     * "Redis at host:port is unreachable: reason", the reason taken from the innermost cause; a
     * refused login says so instead.
     */
    public static HarnessException redis(RedisEndpoint endpoint, Throwable failure) {
        String reason = reason(failure);
        if (reason.contains("WRONGPASS") || reason.contains("NOAUTH") || reason.contains("without any password")) {
            return new HarnessException("authentication failed for Redis user '" + endpoint.userName() + "' at "
                    + endpoint + ": " + reason, failure);
        }
        return new HarnessException("Redis at " + endpoint + " is unreachable: " + reason, failure);
    }

    private static String reason(Throwable failure) {
        String reason = null;
        for (Throwable t = failure; t != null; t = next(t)) {
            // Netty's native transport words a refusal "finishConnect(..) failed: Connection refused";
            // say it the way every user has seen it.
            if (t instanceof ConnectException && String.valueOf(t.getMessage()).contains("Connection refused")) {
                return "Connection refused";
            }
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                reason = t.getMessage();
            }
        }
        if (reason == null) {
            return failure.getClass().getSimpleName();
        }
        return reason.lines().findFirst().orElse(reason).strip();
    }

    /**
     * The cause, or else the first suppressed exception: Jedis tries each address of a host and
     * attaches the socket's own ConnectException as suppressed, not as the cause.
     */
    private static Throwable next(Throwable t) {
        if (t.getCause() != null && t.getCause() != t) {
            return t.getCause();
        }
        return t.getSuppressed().length > 0 ? t.getSuppressed()[0] : null;
    }
}
