package dev.callq.bench.driver;

import java.time.Duration;

/**
 * Which queue the drivers work on and how.
 *
 * @param key          the Redis list (or stream) that producers push to
 * @param pattern      how events are popped and acknowledged
 * @param popTimeout   how long one blocking pop waits for an event; a worker notices a stop request
 *                     within this time. Client-side command and socket timeouts must exceed it.
 * @param batchSize    the most events one pop may return ({@link QueuePattern#BATCH}, {@link QueuePattern#STREAM})
 */
public record QueueSpec(String key, QueuePattern pattern, Duration popTimeout, int batchSize) {
    public QueueSpec {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("queue key must not be blank");
        }
        if (popTimeout.isNegative() || popTimeout.isZero()) {
            throw new IllegalArgumentException("pop timeout must be positive: a zero BLPOP timeout blocks forever");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1");
        }
    }

    public static QueueSpec blpop(String key, Duration popTimeout) {
        return new QueueSpec(key, QueuePattern.BLPOP, popTimeout, 1);
    }

    /** The processing list of worker {@code workerId} in the {@link QueuePattern#RELIABLE} pattern. */
    public String processingKey(int workerId) {
        return processingKeyPrefix() + workerId;
    }

    /**
     * The heartbeat key of the worker owning {@code processingKey} ({@link QueuePattern#RELIABLE}): set with a
     * time to live of {@link #recoveryAfter()} and refreshed by the worker; once it has expired the worker
     * counts as dead and its processing list is moved back to the queue.
     */
    public String heartbeatKey(String processingKey) {
        return key + ":heartbeat:" + processingKey.substring(processingKeyPrefix().length());
    }

    /** Every worker's processing list matches this SCAN pattern. */
    public String processingKeyPattern() {
        return processingKeyPrefix() + "*";
    }

    private String processingKeyPrefix() {
        return key + ":processing:";
    }

    /**
     * How long a worker may stay silent before its events are recovered: a {@link QueuePattern#RELIABLE}
     * worker whose heartbeat is older is dead, and a {@link QueuePattern#STREAM} entry pending for longer is
     * claimed by a live consumer. Three pops plus 5 s: a live worker polls again well within it unless one
     * event's work takes longer, and then its event is delivered twice (at-least-once).
     */
    public Duration recoveryAfter() {
        return popTimeout.multipliedBy(3).plusSeconds(5);
    }

    /** The consumer group name in the {@link QueuePattern#STREAM} pattern. */
    public String groupName() {
        return key + ":workers";
    }

    /** The pop timeout in the fractional seconds that BLPOP, BLMOVE and BLMPOP take. */
    public double popTimeoutSeconds() {
        return popTimeout.toNanos() / 1e9;
    }
}
