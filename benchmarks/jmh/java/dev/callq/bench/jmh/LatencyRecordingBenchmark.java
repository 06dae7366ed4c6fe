package dev.callq.bench.jmh;

import dev.callq.bench.measure.LatencyRecorder;
import dev.callq.bench.measure.Metric;
import org.HdrHistogram.Recorder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * What a worker pays per event to record a latency: the harness's {@link LatencyRecorder} (zero
 * check plus HdrHistogram's {@link Recorder}) against the bare {@link Recorder}. Samples cycle
 * through a fixed set of log-normal-ish microsecond values, so neither the JIT nor the branch
 * predictor sees a constant.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LatencyRecordingBenchmark {
    private static final int SAMPLE_COUNT = 4096;

    private final long[] latencyMicros = new long[SAMPLE_COUNT];
    private int next;
    private LatencyRecorder latencyRecorder;
    private Recorder rawRecorder;

    @Setup(Level.Trial)
    public void prepare() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < SAMPLE_COUNT; i++) {
            // 50 µs to about 50 ms, most of them in the hundreds of microseconds.
            latencyMicros[i] = 1 + (long) (50 * Math.exp(random.nextDouble() * random.nextDouble() * 7));
        }
        latencyRecorder = new LatencyRecorder(Metric.ENQUEUE_TO_DEQUEUE);
        rawRecorder = new Recorder(LatencyRecorder.SIGNIFICANT_DIGITS);
    }

    private long nextSample() {
        int i = next;
        next = (i + 1) & (SAMPLE_COUNT - 1);
        return latencyMicros[i];
    }

    @Benchmark
    public void recordLatencyMicros() {
        latencyRecorder.recordMicros(nextSample());
    }

    @Benchmark
    public void recordRawValue() {
        rawRecorder.recordValue(nextSample());
    }
}
