package dev.callq.bench.sweep;

/**
 * The phases every cell of a sweep runs.
 *
 * @param warmupSeconds        warm-up load, consumed and not measured
 * @param durationSeconds      measured load
 * @param drainTimeoutSeconds  bound on each wait for the queue to empty (after warm-up, after the load)
 */
public record SweepPhases(double warmupSeconds, double durationSeconds, long drainTimeoutSeconds) {
    public static final SweepPhases DEFAULT = new SweepPhases(2, 10, 30);

    public SweepPhases {
        if (!(warmupSeconds >= 0)) {
            throw new IllegalArgumentException("phases.warmupSeconds must not be negative, not " + warmupSeconds);
        }
        if (!(durationSeconds > 0)) {
            throw new IllegalArgumentException("phases.durationSeconds must be positive, not " + durationSeconds);
        }
        if (drainTimeoutSeconds < 1) {
            throw new IllegalArgumentException("phases.drainTimeoutSeconds must be at least 1, not " + drainTimeoutSeconds);
        }
    }
}
