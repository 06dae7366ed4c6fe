package dev.callq.bench.load;

import java.util.Map;

/**
 * How the synthetic producer kept its schedule.
 *
 * @param targetRate    the rate asked for, events/s (its mean, for steps and ramps)
 * @param scheduledRate events the schedule held / phase length, events/s: Poisson arrivals draw a few more
 *                      or fewer than the target, so the producer is judged against its own schedule
 * @param achievedRate  events pushed / time from the phase start to the start of the last push, events/s
 * @param pushed        events the producer pushed and Redis acknowledged
 * @param pushFailures  events in pipelines that failed (not expected; counted as unexpected if consumed)
 * @param notSent       scheduled events still unsent when the phase's time was up: the producer stops then
 * @param keptSchedule  false when a push failed, an event was not sent, or the achieved rate fell short of the
 *                      scheduled rate by more than {@link #tolerance}
 * @param client        the client library the producer pushed with, the same whichever client is under test;
 *                      null when not known
 * @param pinned        whether the producer ran on cores of its own
 * @param notPinnedBecause why it did not; null when it did
 * @param pushFailureCauses failed pushes (events) by Redis's error class ({@code env.RedisErrorClass}); empty when none failed
 */
public record ProducerStats(double targetRate, double scheduledRate, double achievedRate, long pushed, long pushFailures,
                            long notSent, boolean keptSchedule, String client, boolean pinned, String notPinnedBecause,
                            Map<String, Long> pushFailureCauses) {
    /** The achieved rate may fall short of the scheduled rate by this fraction before the run says so. */
    public static final double SCHEDULE_TOLERANCE = 0.01;
    /**
     * However short the phase, its last push may start this late: one stall of a thread on a shared machine
     * (a GC pause, a time slice given to Redis) is not an offered load lower than asked, and the producer's
     * lag (its maximum) shows it. Without it, a 2 s phase would fail its producer on a 21 ms stall at its end.
     */
    public static final double STALL_GRACE_SECONDS = 0.1;

    /** Judges a phase in which every scheduled event was either pushed or failed, so their sum is the schedule. */
    public static ProducerStats of(double targetRate, double phaseSeconds, double pushingSeconds, long pushed,
                                   long pushFailures) {
        return of(targetRate, phaseSeconds, pushingSeconds, pushed, pushFailures, 0);
    }

    /** Judges a phase: every scheduled event was pushed, failed or not sent, so their sum is the schedule. */
    public static ProducerStats of(double targetRate, double phaseSeconds, double pushingSeconds, long pushed,
                                   long pushFailures, long notSent) {
        double scheduledRate = (pushed + pushFailures + notSent) / phaseSeconds;
        double achievedRate = pushed / Math.max(phaseSeconds, pushingSeconds);
        boolean kept = pushFailures == 0 && notSent == 0 && onPace(achievedRate, scheduledRate, phaseSeconds);
        return new ProducerStats(targetRate, scheduledRate, achievedRate, pushed, pushFailures, notSent, kept, null,
                false, null, Map.of());
    }

    /** Whether a rate over a phase of {@code phaseSeconds} is within {@link #tolerance} of the schedule's (or above it). */
    public static boolean onPace(double achievedRatePerSec, double scheduledRatePerSec, double phaseSeconds) {
        return achievedRatePerSec >= scheduledRatePerSec * (1 - tolerance(phaseSeconds));
    }

    /**
     * How far short of its schedule a phase's producer may fall: {@link #SCHEDULE_TOLERANCE}, or the fraction of
     * the phase that {@link #STALL_GRACE_SECONDS} is when that is more (phases under 10 s); the schedule's
     * fraction alone for a phase of unknown length (0).
     */
    public static double tolerance(double phaseSeconds) {
        return phaseSeconds > 0 ? Math.max(SCHEDULE_TOLERANCE, STALL_GRACE_SECONDS / phaseSeconds) : SCHEDULE_TOLERANCE;
    }

    /** These figures, from a producer that pushed with {@code client} and was or was not pinned. */
    public ProducerStats by(String client, boolean pinned, String notPinnedBecause) {
        return new ProducerStats(targetRate, scheduledRate, achievedRate, pushed, pushFailures, notSent, keptSchedule,
                client, pinned, notPinnedBecause, pushFailureCauses);
    }

    /** These figures with the failed pushes counted by Redis's error class (OOM, LOADING, connection lost…). */
    public ProducerStats withFailureCauses(Map<String, Long> causes) {
        return new ProducerStats(targetRate, scheduledRate, achievedRate, pushed, pushFailures, notSent, keptSchedule,
                client, pinned, notPinnedBecause, Map.copyOf(causes));
    }
}
