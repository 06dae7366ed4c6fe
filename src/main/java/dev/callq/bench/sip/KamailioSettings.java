package dev.callq.bench.sip;

import dev.callq.bench.event.PayloadFormat;

import dev.callq.bench.env.RedisEndpoint;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the harness sets in Kamailio at start: where to push, under which key, in which format, and how
 * big Kamailio is.
 *
 * @param events         which requests the script pushes an event for
 * @param script         the user's Kamailio script, or null for the bundled {@code kamailio/kamailio.cfg}
 * @param sharedMemoryMb Kamailio's shared memory pool ({@code -m}); see {@link KamailioSizing}
 * @param children       SIP worker processes ({@code -n})
 */
public record KamailioSettings(RedisEndpoint redis, String listKey, PayloadFormat payloadFormat,
                               EnqueuedEvents events, Path script, int sharedMemoryMb, int children) {
    // The values reach the config through --substdef '!NAME!value!g': keep them free of the
    // delimiter, regex back-references and anything a Redis key or address does not need.
    private static final Pattern SAFE_VALUE = Pattern.compile("[A-Za-z0-9:._-]+");

    public KamailioSettings {
        Objects.requireNonNull(redis, "redis");
        Objects.requireNonNull(payloadFormat, "payloadFormat");
        Objects.requireNonNull(events, "events");
        events.requireCarriedBy(payloadFormat);
        requireSafe("list key", listKey);
        requireSafe("Redis host", redis.host());
        KamailioSizing.requireValid(sharedMemoryMb, children);
    }

    /** The bundled script, sized for 100 calls/s. */
    public KamailioSettings(RedisEndpoint redis, String listKey, PayloadFormat payloadFormat) {
        this(redis, listKey, payloadFormat, EnqueuedEvents.defaultFor(payloadFormat), null,
                KamailioSizing.sharedMemoryMb(100), KamailioSizing.DEFAULT_CHILDREN);
    }

    private static void requireSafe(String what, String value) {
        if (value == null || !SAFE_VALUE.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must match " + SAFE_VALUE + ": " + value);
        }
    }
}
