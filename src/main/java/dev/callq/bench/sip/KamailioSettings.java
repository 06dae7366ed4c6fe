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
        requireSupported(redis, redis.tls());
        KamailioSizing.requireValid(sharedMemoryMb, children);
    }

    /** The bundled script, sized for 100 calls/s. */
    public KamailioSettings(RedisEndpoint redis, String listKey, PayloadFormat payloadFormat) {
        this(redis, listKey, payloadFormat, EnqueuedEvents.defaultFor(payloadFormat), null,
                KamailioSizing.sharedMemoryMb(100), KamailioSizing.DEFAULT_CHILDREN);
    }

    /**
     * Refuses a Redis that Debian's ndb_redis (Kamailio 5.6) cannot log in to: it has no TLS, and it
     * sends {@code AUTH password} only, which logs in as the default user.
     *
     * @param redis the external Redis, or null when the harness starts one
     * @param tls   whether the connection would be TLS
     */
    public static void requireSupported(RedisEndpoint redis, boolean tls) {
        if (tls) {
            throw new IllegalArgumentException("Kamailio's ndb_redis has no TLS: a SIP run cannot use rediss:// "
                    + "or --redis-tls (use --load synthetic, or a plain port)");
        }
        if (redis != null && redis.user() != null && !redis.user().equals("default")) {
            throw new IllegalArgumentException("Kamailio's ndb_redis logs in with AUTH <password> only, as the "
                    + "default user, so a SIP run cannot log in as '" + redis.user() + "'; give "
                    + "redis://:password@host:port with the default user's password");
        }
        if (redis != null && redis.hasPassword() && !SAFE_VALUE.matcher(redis.password()).matches()) {
            throw new IllegalArgumentException("Kamailio cannot be given this Redis password: it reaches its "
                    + "config through #!substdef, so a SIP run needs one of letters, digits and : . _ -");
        }
    }

    private static void requireSafe(String what, String value) {
        if (value == null || !SAFE_VALUE.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must match " + SAFE_VALUE + ": " + value);
        }
    }
}
