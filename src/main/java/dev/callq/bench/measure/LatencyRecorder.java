package dev.callq.bench.measure;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * A thread-safe latency recorder in microseconds that drops nothing. A zero or negative sample
 * (a clock step, or an event stamped after it was popped) is recorded as 0 and counted apart,
 * so the histogram's count is always the number of samples.
 * <p>
 * Each thread that records has a {@link SingleWriterRecorder} of its own, and an interval is the sum of
 * theirs. One shared {@code Recorder} made every worker's every sample a handful of atomic updates on the
 * same cache lines (its phaser's and its concurrent histogram's), which the workers then queued on; a
 * single writer's are its own. A thread that ended leaves its recorder here, so its last samples are
 * still taken.
 */
public final class LatencyRecorder {
    /** Three significant digits, as DESIGN.md asks; the histogram resizes itself for large values. */
    public static final int SIGNIFICANT_DIGITS = 3;

    private final Metric metric;
    private final List<Writer> writers = new CopyOnWriteArrayList<>();
    private final ThreadLocal<SingleWriterRecorder> mine = ThreadLocal.withInitial(this::newWriter);
    private final LongAdder nonPositive = new LongAdder();
    private Histogram recycled;

    /** One thread's recorder, with the histogram its last interval gave back for reuse. */
    private static final class Writer {
        final SingleWriterRecorder recorder = new SingleWriterRecorder(SIGNIFICANT_DIGITS);
        Histogram spare;
    }

    public LatencyRecorder(Metric metric) {
        this.metric = metric;
    }

    public Metric metric() {
        return metric;
    }

    public void recordMicros(long latencyMicros) {
        if (latencyMicros <= 0) {
            nonPositive.increment();
            mine.get().recordValue(0);
        } else {
            mine.get().recordValue(latencyMicros);
        }
    }

    /** {@code count} samples of the same latency, in one step: a pipeline's events share their round trip. */
    public void recordMicros(long latencyMicros, long count) {
        if (count <= 0) {
            return;
        }
        if (latencyMicros <= 0) {
            nonPositive.add(count);
            mine.get().recordValueWithCount(0, count);
        } else {
            mine.get().recordValueWithCount(latencyMicros, count);
        }
    }

    /** Samples that were zero or negative since the start. */
    public long nonPositiveCount() {
        return nonPositive.sum();
    }

    /** What was recorded since the previous call, by every thread; only one thread may call it. */
    public synchronized Histogram takeInterval() {
        Histogram interval = recycled != null ? recycled : new Histogram(SIGNIFICANT_DIGITS);
        recycled = null;
        interval.reset();
        long startMillis = Long.MAX_VALUE;
        long endMillis = 0;
        for (Writer writer : writers) {
            Histogram part = writer.recorder.getIntervalHistogram(writer.spare);
            interval.add(part);
            startMillis = Math.min(startMillis, part.getStartTimeStamp());
            endMillis = Math.max(endMillis, part.getEndTimeStamp());
            writer.spare = part;
        }
        if (endMillis > 0) {
            interval.setStartTimeStamp(startMillis);
            interval.setEndTimeStamp(endMillis);
        }
        return interval;
    }

    /** Gives an interval histogram back for reuse once it has been written and added up. */
    public synchronized void recycle(Histogram interval) {
        recycled = interval;
    }

    private SingleWriterRecorder newWriter() {
        Writer writer = new Writer();
        writers.add(writer);
        return writer.recorder;
    }
}
