package dev.callq.bench.shard;

import dev.callq.bench.HarnessException;
import dev.callq.bench.env.RedisClock;
import dev.callq.bench.env.RedisEndpoint;
import dev.callq.bench.env.RespConnection;
import dev.callq.bench.result.Role;

import java.time.Duration;

/**
 * Where the shards of a run meet, without a coordinator: a few keys in the Redis under test. Each shard
 * counts itself in ({@code INCR} of its role's counter); the first to see every producer and every consumer
 * arrived sets the start instant ({@code SET NX}: its reading of the Redis clock plus {@link #START_MARGIN},
 * time for the others to read it), and everyone starts then. Producers count themselves out when their load
 * is done, which tells the consumers when to drain. The keys live under the queue's key and the results
 * folder's name (one hash tag), and expire after a day.
 */
final class ShardBarrier implements AutoCloseable {
    static final Duration START_MARGIN = Duration.ofSeconds(1);
    static final Duration ARRIVAL_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration POLL = Duration.ofMillis(20);
    private static final String EXPIRY_SECONDS = "86400";

    private final RedisEndpoint server;
    private final RespConnection redis;
    private final String prefix;
    private final int shards;

    /** {@code server} must hold {@link #hashTag}'s slot when it is a cluster's primary. */
    ShardBarrier(RedisEndpoint server, String queueKey, String runName, int shards) {
        this.server = server;
        this.redis = RespConnection.login(server, Duration.ofSeconds(5));
        this.prefix = hashTag(queueKey, runName) + ":";
        this.shards = shards;
    }

    /** The barrier's keys share one hash tag, so that in a Redis Cluster they all live on one primary. */
    static String hashTag(String queueKey, String runName) {
        return "{" + queueKey + ":shards:" + runName + "}";
    }

    /** The server the barrier lives on: its clock is the run's reference. */
    RedisEndpoint server() {
        return server;
    }

    /**
     * Counts this shard in and waits for the others; returns the agreed start, on the Redis clock, in µs. A
     * sip-load shard counts as a producer: a run has N shards that load the queue and N that consume it.
     */
    long arrive(Role role) {
        increment(role == Role.SIP_LOAD ? Role.PRODUCER.cliName() : role.cliName());
        long deadlineNanos = System.nanoTime() + ARRIVAL_TIMEOUT.toNanos();
        while (true) {
            String start = (String) redis.call("GET", prefix + "start");
            if (start != null) {
                return Long.parseLong(start);
            }
            long producers = count(Role.PRODUCER.cliName());
            long consumers = count(Role.CONSUMER.cliName());
            if (producers >= shards && consumers >= shards) {
                long startMicros = RedisClock.timeMicros(redis) + START_MARGIN.toNanos() / 1_000;
                redis.call("SET", prefix + "start", Long.toString(startMicros), "NX", "EX", EXPIRY_SECONDS);
                continue;
            }
            if (System.nanoTime() > deadlineNanos) {
                throw new HarnessException("the shards did not all arrive within " + ARRIVAL_TIMEOUT.toSeconds()
                        + " s: " + producers + " of " + shards + " producers (or sip-load shards) and " + consumers + " of " + shards
                        + " consumers counted in at " + prefix + "*; are all shards started with the same --redis, "
                        + "--key, --out and N?");
            }
            pause(POLL);
        }
    }

    /** A producer's (or sip-load shard's) load is done: every event it expects is in the queue. */
    void producerDone() {
        increment("done");
    }

    /** Waits until every producer is done, up to {@code deadlineMicros} on the Redis clock; false if not. */
    boolean awaitProducers(long deadlineMicros) {
        while (count("done") < shards) {
            if (RedisClock.timeMicros(redis) > deadlineMicros) {
                return false;
            }
            pause(POLL);
        }
        return true;
    }

    private void increment(String counter) {
        redis.call("INCR", prefix + counter);
        redis.call("EXPIRE", prefix + counter, EXPIRY_SECONDS);
    }

    private long count(String counter) {
        String value = (String) redis.call("GET", prefix + counter);
        return value == null ? 0 : Long.parseLong(value);
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HarnessException("interrupted while waiting for the other shards");
        }
    }

    @Override
    public void close() {
        redis.close();
    }
}
