package dev.callq.bench.compare;

import java.nio.file.Path;
import java.util.List;

/**
 * One measured repeat of a cell, read back from its raw results.
 *
 * @param p99Micros          p99 enqueue→dequeue over the whole measured phase, from the cell's .hlog intervals
 * @param throughputPerSec   measured events consumed per second, from summary.json
 * @param intervalP99Micros  p99 enqueue→dequeue of each logged interval (a second) that holds at least
 *                           {@link #MIN_INTERVAL_SAMPLES} events: the many numbers a repeat contributes to
 *                           the gate's test (see {@link Comparison}); empty when measured elsewhere
 * @param samples            enqueue→dequeue latencies recorded in the measured phase; −1 when unknown
 * @param untrustworthy      why the run's numbers cannot be trusted ({@code result.RunVerdict}); null when they can
 * @param p50DoneMicros      p50 enqueue→done (the event's whole cost: wait, pop and work) over the measured phase,
 *                           from the .hlog; −1 when the log has none
 */
public record CellMeasurement(CellKey key, String serviceTime, Path folder, long p99Micros, double throughputPerSec,
                              List<Long> intervalP99Micros, long samples, String untrustworthy, long p50DoneMicros) {
    /**
     * A p99 of fewer latencies is the maximum of a handful: a cell below this many is no evidence either way,
     * and the gate fails it rather than pass it.
     */
    public static final long MIN_SAMPLES = 200;
    /** An interval's p99 counts only when the interval holds this many latencies (the worst of 100 at least). */
    public static final long MIN_INTERVAL_SAMPLES = 100;

    public CellMeasurement {
        intervalP99Micros = List.copyOf(intervalP99Micros);
    }

    /** A repeat measured elsewhere, known only by its p99 and throughput. */
    public CellMeasurement(CellKey key, String serviceTime, Path folder, long p99Micros, double throughputPerSec) {
        this(key, serviceTime, folder, p99Micros, throughputPerSec, List.of(), -1, null, -1);
    }

    /** True when the repeat recorded too few latencies for its p99 to mean anything. */
    public boolean tooFewSamples() {
        return samples >= 0 && samples < MIN_SAMPLES;
    }

    /**
     * The repeat's typical p99: the median of its per-second p99s, so that one hiccup (a GC pause, a
     * neighbour's burst) moves it by one second's worth rather than setting it; the whole run's p99 when no
     * second held enough events.
     */
    public double typicalP99Micros() {
        if (intervalP99Micros.isEmpty()) {
            return p99Micros;
        }
        return Comparison.median(intervalP99Micros.stream().mapToDouble(Long::doubleValue).toArray());
    }
}
