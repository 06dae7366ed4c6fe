package dev.callq.bench.driver;

/**
 * What every client's admin shares: which Redis structure holds the pending events of each queue
 * pattern. A client's admin only says how to read a list's length and a consumer group's pending count.
 */
public abstract class PatternAdmin implements QueueAdmin {
    @Override
    public final long pending(QueueSpec spec, int workers) {
        return switch (spec.pattern()) {
            case RELIABLE -> processingLength(spec, workers);
            case STREAM -> streamPending(spec);
            case BLPOP, BATCH -> 0;
        };
    }

    /** LLEN of a list; 0 when it does not exist. */
    protected abstract long listLength(String key);

    /** XPENDING's count for the pattern's consumer group. */
    protected abstract long streamPending(QueueSpec spec);

    private long processingLength(QueueSpec spec, int workers) {
        long total = 0;
        for (int workerId = 0; workerId < workers; workerId++) {
            total += listLength(spec.processingKey(workerId));
        }
        return total;
    }
}
