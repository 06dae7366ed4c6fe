package dev.callq.bench.measure;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.concurrent.atomic.LongAdder;

/**
 * A thread-safe latency recorder in microseconds that drops nothing. A zero or negative sample
 * (a clock step, or an event stamped after it was popped) is recorded as 0 and counted apart,
 * so the histogram's count is always the number of samples.
 */
public final class LatencyRecorder {
    /** Three significant digits, as DESIGN.md asks; the histogram resizes itself for large values. */
    public static final int SIGNIFICANT_DIGITS = 3;

    private final Metric metric;
    private final Recorder recorder = new Recorder(SIGNIFICANT_DIGITS);
    private final LongAdder nonPositive = new LongAdder();
    private Histogram recycled;

    public LatencyRecorder(Metric metric) {
        this.metric = metric;
    }

    public Metric metric() {
        return metric;
    }

    public void recordMicros(long latencyMicros) {
        if (latencyMicros <= 0) {
            nonPositive.increment();
            recorder.recordValue(0);
        } else {
            recorder.recordValue(latencyMicros);
        }
    }

    /** Samples that were zero or negative since the start. */
    public long nonPositiveCount() {
        return nonPositive.sum();
    }

    /** What was recorded since the previous call; only one thread may call it. */
    public synchronized Histogram takeInterval() {
        Histogram interval = recorder.getIntervalHistogram(recycled);
        recycled = null;
        return interval;
    }

    /** Gives an interval histogram back for reuse once it has been written and added up. */
    public synchronized void recycle(Histogram interval) {
        recycled = interval;
    }
}
