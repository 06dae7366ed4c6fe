package dev.callq.bench.options;

import java.time.Duration;

/**
 * How long a client warms up: at least {@code minimum}; when the JIT compiler was busy in it, one more
 * second at a time until it has been quiet for two seconds in a row (one quiet second proved a false
 * dawn at 20,000 events/s), up to {@code maximum}. On a machine with few cores the JIT competes with the
 * workers, the producer and Redis for the CPU; measuring while it still compiles the hot path records
 * its cost as queueing latency (at 20,000 events/s on 2 cores, a 2 s warm-up left the first measured
 * seconds with a backlog of 15,000 events that a settled JVM never builds).
 *
 * @param minimum the warm-up always runs this long; zero means no warm-up at all
 * @param maximum the warm-up never runs longer than this (nor shorter than the minimum)
 */
public record Warmup(Duration minimum, Duration maximum) {
    /** Length of each extra warm-up slice. */
    public static final Duration SLICE = Duration.ofSeconds(1);
    /** The JIT counts as quiet in a slice when it compiled for less than this share of its wall time. */
    public static final double QUIET_COMPILE_SHARE = 0.10;
    /** Quiet slices in a row after which the JIT counts as settled. */
    public static final int SETTLED_AFTER_QUIET_SLICES = 2;

    public Warmup {
        if (minimum.isNegative()) {
            throw new IllegalArgumentException("--warmup must not be negative");
        }
        if (maximum.compareTo(minimum) < 0) {
            maximum = minimum;
        }
    }

    public static Warmup fixed(Duration length) {
        return new Warmup(length, length);
    }

    /** Whether the JIT was still busy in a slice: it compiled for more than the settled share of it. */
    public static boolean jitBusy(Duration slice, Duration compileTime) {
        return compileTime.toNanos() > QUIET_COMPILE_SHARE * slice.toNanos();
    }

    /**
     * Whether to warm up for one more slice, after {@code elapsed} of warm-up in {@code slices} slices
     * (the first is the minimum), the last {@code quietInARow} of which found the JIT quiet.
     */
    public boolean another(Duration elapsed, int slices, int quietInARow) {
        if (minimum.isZero() || elapsed.plus(SLICE).compareTo(maximum) > 0) {
            return false;
        }
        boolean settled = slices == 1 ? quietInARow == 1 : quietInARow >= SETTLED_AFTER_QUIET_SLICES;
        return !settled;
    }
}
