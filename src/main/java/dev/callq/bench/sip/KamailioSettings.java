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
 * @param sentinel       the Sentinel endpoint {@code redis} was found through, or null: ndb_redis asks its
 *                       sentinels for the master again whenever it reconnects, so Kamailio follows a failover
 */
public record KamailioSettings(RedisEndpoint redis, String listKey, PayloadFormat payloadFormat,
                               EnqueuedEvents events, Path script, int sharedMemoryMb, int children,
                               RedisEndpoint sentinel) {
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
        if (sentinel != null) {
            if (sentinel.kind() != RedisEndpoint.Kind.SENTINEL) {
                throw new IllegalArgumentException("not a Sentinel endpoint: " + sentinel);
            }
            requireSafe("Sentinel master name", sentinel.masterName());
            sentinel.nodes().forEach(node -> requireSafe("sentinel host", node.host()));
        }
    }

    /** Without Sentinel. */
    public KamailioSettings(RedisEndpoint redis, String listKey, PayloadFormat payloadFormat, EnqueuedEvents events,
                            Path script, int sharedMemoryMb, int children) {
        this(redis, listKey, payloadFormat, events, script, sharedMemoryMb, children, null);
    }

    /** The bundled script, sized for 100 calls/s. */
    public KamailioSettings(RedisEndpoint redis, String listKey, PayloadFormat payloadFormat) {
        this(redis, listKey, payloadFormat, EnqueuedEvents.defaultFor(payloadFormat), null,
                KamailioSizing.sharedMemoryMb(100), KamailioSizing.DEFAULT_CHILDREN);
    }

    /**
     * The Sentinel part of an ndb_redis server spec ({@code sentinel_group}, {@code sentinel_master},
     * {@code sentinel}): ask the sentinel for the master of that name, at start and on every reconnect. Null
     * without Sentinel.
     *
     * <p>One sentinel only, the first: Debian's ndb_redis 5.6.3 reads a second {@code sentinel=} entry's
     * address wrongly (it cuts {@code host:port} at the wrong index) and, not stopping at the first answer, then
     * dials the master's host on that sentinel's port, pushing into a sentinel ("unknown command 'RPUSH'").
     * Kamailio 5.6.5 fixed both (commits d4ff1550a7, 21fc0e010e; 5.6.6 the reconnect path, 5261da60dd).
     */
    public String ndbRedisSentinelSpec() {
        if (sentinel == null) {
            return null;
        }
        RedisEndpoint.Address first = sentinel.nodes().get(0);
        return "sentinel_group=" + sentinel.masterName() + ";sentinel_master=1;sentinel=" + first.host() + ":"
                + first.port();
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
