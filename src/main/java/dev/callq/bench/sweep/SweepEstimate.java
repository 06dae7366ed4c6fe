package dev.callq.bench.sweep;

import dev.callq.bench.options.Warmup;

import java.time.Duration;

/**
 * How long a sweep should take, before it runs. Each cell costs a JVM start, a redis-server start and
 * stop, the warm-up (longer while the JIT compiles) and the measured phase; draining a backlog after
 * the load comes on top, bounded by the drain timeout.
 */
public record SweepEstimate(int cells, Duration likely, Duration atMost) {
    /** JVM and redis-server start and stop, measured on a busy 2-core machine. */
    static final Duration STARTUP_PER_CELL = Duration.ofSeconds(8);
    /** What a fresh JVM's JIT usually adds to the warm-up: 3 s at 200 events/s, 8 s at 20,000 (2 cores). */
    static final Duration LIKELY_WARMUP_EXTENSION = Duration.ofSeconds(5);

    public static SweepEstimate of(SweepSpec spec, int cells) {
        SweepPhases phases = spec.phases();
        double likelySeconds = STARTUP_PER_CELL.toSeconds() + likelyWarmupSeconds(spec) + phases.durationSeconds();
        double atMostSeconds = STARTUP_PER_CELL.toSeconds() + longestWarmupSeconds(spec) + phases.durationSeconds()
                + 2.0 * phases.drainTimeoutSeconds();
        return new SweepEstimate(cells, seconds(likelySeconds * cells), seconds(atMostSeconds * cells));
    }

    /** How long one cell may run before it is stopped: every phase at its bound, and a minute to spare. */
    public static Duration cellTimeout(SweepSpec spec) {
        SweepPhases phases = spec.phases();
        return seconds(60 + STARTUP_PER_CELL.toSeconds() + longestWarmupSeconds(spec) + phases.durationSeconds()
                + 2.0 * phases.drainTimeoutSeconds());
    }

    private static double likelyWarmupSeconds(SweepSpec spec) {
        double warmupSeconds = spec.phases().warmupSeconds();
        return warmupSeconds == 0 ? 0
                : Math.min(warmupSeconds + LIKELY_WARMUP_EXTENSION.toSeconds(), longestWarmupSeconds(spec));
    }

    /** The warm-up's bound: the cells' --warmup-max (the sweep's option, or its default). */
    private static double longestWarmupSeconds(SweepSpec spec) {
        return Math.max(spec.phases().warmupSeconds(), SweepCell.sweepOptions(spec).warmupMaxSeconds);
    }

    static String minutesSeconds(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        return seconds / 60 + ":" + String.format("%02d", seconds % 60);
    }

    @Override
    public String toString() {
        return cells + " cells, about " + minutesSeconds(likely) + " (min:s), at most " + minutesSeconds(atMost)
                + " if every cell drains to its timeout";
    }

    private static Duration seconds(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
