package dev.callq.bench.env;

import dev.callq.bench.HarnessException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Which primary of a Redis Cluster serves which hash slot ({@code CLUSTER SLOTS}), and the slot of a key
 * (CRC16 of the key, or of its {@code {hash tag}}, modulo 16384): so that every connection the harness opens
 * for one queue goes straight to the primary that holds it.
 */
public final class RedisClusterSlots {
    private static final int SLOTS = 16384;

    private final RedisEndpoint[] primaryBySlot = new RedisEndpoint[SLOTS];

    private RedisClusterSlots() {
    }

    /** Reads the slot map from the first seed that answers. */
    public static RedisClusterSlots read(List<RedisEndpoint> seeds) {
        HarnessException last = null;
        for (RedisEndpoint seed : seeds) {
            try (RespConnection redis = RespConnection.login(seed, Duration.ofSeconds(2))) {
                RedisClusterSlots slots = new RedisClusterSlots();
                for (Object range : (List<?>) redis.call("CLUSTER", "SLOTS")) {
                    List<?> fields = (List<?>) range;
                    List<?> primary = (List<?>) fields.get(2);
                    String host = (String) primary.get(0);
                    // the seed's login holds for every node of the cluster
                    RedisEndpoint endpoint = seed.onMaster(new RedisEndpoint.Address(host.isEmpty() ? seed.host() : host,
                            Math.toIntExact((Long) primary.get(1))));
                    for (long slot = (Long) fields.get(0); slot <= (Long) fields.get(1); slot++) {
                        slots.primaryBySlot[(int) slot] = endpoint;
                    }
                }
                return slots;
            } catch (HarnessException e) {
                last = e;
            }
        }
        throw new HarnessException("no Redis Cluster seed answered CLUSTER SLOTS: " + (last == null ? seeds : last.getMessage()));
    }

    /** The primary that holds {@code key}. */
    public RedisEndpoint primaryFor(String key) {
        RedisEndpoint primary = primaryBySlot[slot(key)];
        if (primary == null) {
            throw new HarnessException("no primary serves the slot of " + key + ": is the cluster's state ok?");
        }
        return primary;
    }

    /** Every primary, in slot order. */
    public List<RedisEndpoint> primaries() {
        List<RedisEndpoint> primaries = new ArrayList<>();
        for (RedisEndpoint endpoint : primaryBySlot) {
            if (endpoint != null && !primaries.contains(endpoint)) {
                primaries.add(endpoint);
            }
        }
        return primaries;
    }

    /** The key's hash slot, as the cluster computes it: only the {hash tag} counts when there is one. */
    public static int slot(String key) {
        int open = key.indexOf('{');
        if (open >= 0) {
            int close = key.indexOf('}', open + 1);
            if (close > open + 1) {
                key = key.substring(open + 1, close);
            }
        }
        return crc16(key.getBytes(StandardCharsets.UTF_8)) % SLOTS;
    }

    /** CRC16-CCITT (XMODEM), as the Redis Cluster specification defines it. */
    static int crc16(byte[] bytes) {
        int crc = 0;
        for (byte b : bytes) {
            crc ^= (b & 0xff) << 8;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
        }
        return crc & 0xffff;
    }
}
