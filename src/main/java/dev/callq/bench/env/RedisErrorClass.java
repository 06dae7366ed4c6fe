package dev.callq.bench.env;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Why Redis refused or lost a command, by the error class Redis names it with (the first word of its error
 * reply): {@code OOM} (maxmemory reached under noeviction), {@code LOADING} (still loading its data set),
 * {@code READONLY} (a replica), {@code NOAUTH}, {@code NOPERM}, {@code MISCONF} (a failed snapshot stops
 * writes); or {@value #CONNECTION_LOST} when no reply came. Read from the message every client library
 * passes on, so no client library is needed here.
 */
public final class RedisErrorClass {
    public static final String CONNECTION_LOST = "connection lost";
    public static final String OTHER = "other";
    private static final List<String> NAMED = List.of("OOM", "LOADING", "READONLY", "NOAUTH", "NOPERM", "MISCONF",
            "WRONGTYPE", "BUSY", "MASTERDOWN", "CLUSTERDOWN");

    private RedisErrorClass() {
    }

    /** The error class of {@code failure} or of one of its causes; {@value #OTHER} when none is known. */
    public static String of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage().strip();
            String firstWord = message.split("[\\s:]", 2)[0].toUpperCase(Locale.ROOT);
            // Lettuce prefixes nothing; Jedis may prefix "ERR" to a script's error, never to these.
            if (NAMED.contains(firstWord)) {
                return firstWord;
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException || t.getClass().getSimpleName().contains("Connection")
                    || t.getClass().getSimpleName().contains("Timeout")) {
                return CONNECTION_LOST;
            }
        }
        return OTHER;
    }
}
