package dev.callq.bench.history;

/**
 * The figures a history keeps of each cell at each run, under the key its JSON line uses; each knows which
 * way is worse, so that a change point can be called a regression or an improvement.
 */
public enum HistoryMetric {
    P50_ENQUEUE_TO_DEQUEUE("p50EnqueueToDequeueMicros", "p50 enqueue→dequeue (µs)", true),
    P99_ENQUEUE_TO_DEQUEUE("p99EnqueueToDequeueMicros", "p99 enqueue→dequeue (µs)", true),
    P50_ENQUEUE_TO_DONE("p50EnqueueToDoneMicros", "p50 enqueue→done (µs)", true),
    P99_ENQUEUE_TO_DONE("p99EnqueueToDoneMicros", "p99 enqueue→done (µs)", true),
    THROUGHPUT("throughputPerSec", "throughput (events/s)", false),
    JVM_CPU_PER_1K("jvmCpuMsPer1k", "consumer JVM CPU per 1,000 events (ms)", true);

    private final String key;
    private final String label;
    private final boolean higherIsWorse;

    HistoryMetric(String key, String label, boolean higherIsWorse) {
        this.key = key;
        this.label = label;
        this.higherIsWorse = higherIsWorse;
    }

    /** The field name in a history line's {@code metrics}. */
    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    /** The relative change in the bad direction: positive is worse, negative better. */
    public double worseBy(double change) {
        return higherIsWorse ? change : -change;
    }
}
