package dev.callq.bench.driver;

/** How events travel through Redis between the producer and the workers. */
public enum QueuePattern {
    /** RPUSH by the producer, BLPOP by each worker: the seed system's queue. */
    BLPOP,
    /** BLMOVE into a per-worker processing list, LREM once the event is handled. */
    RELIABLE,
    /** BLMPOP with a count: one round trip takes up to {@link QueueSpec#batchSize()} events. */
    BATCH,
    /** XADD by the producer; a consumer group read with XREADGROUP and acknowledged with XACK. */
    STREAM;

    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
