package dev.callq.bench.queueing;

/**
 * S, how long a worker is held by one event, measured rather than assumed: the work plus the pop
 * round trip and whatever the worker does between two events.
 *
 * <p>Method. With the pool saturated, a worker is never idle, so N workers completing X(N) events/s
 * hold each event for N / X(N). At one or two workers Redis is nowhere near busy, so that figure is
 * the holding time itself, not a symptom of contention; the mean of the low-N estimates is S. The
 * work part, with its real variability (a sleep oversleeps), is read from the {@code serviceTime}
 * histogram of the same runs; what remains, S − mean work, is the pop round trip. Treating that
 * round trip as constant, Var(S) = Var(work), so Cs² = stddev(work)² / S².
 *
 * @param meanMicros              S
 * @param workMeanMicros          mean of the measured work
 * @param workStddevMicros        standard deviation of the measured work
 * @param popRoundTripMicros      S − mean work, at least 0
 * @param squaredCoefficientOfVariation Cs² of S
 */
public record HoldingTime(double meanMicros, double workMeanMicros, double workStddevMicros,
                          double popRoundTripMicros, double squaredCoefficientOfVariation) {

    /**
     * @param holdingMicros  S from saturated throughput, N / X(N) at low N
     * @param workMeanMicros mean of the measured work
     * @param workStddevMicros standard deviation of the measured work
     */
    public static HoldingTime of(double holdingMicros, double workMeanMicros, double workStddevMicros) {
        ErlangC.requireNonNegative(holdingMicros, "holding time in microseconds");
        if (holdingMicros == 0.0) {
            throw new IllegalArgumentException("holding time must be positive");
        }
        double scv = workStddevMicros * workStddevMicros / (holdingMicros * holdingMicros);
        return new HoldingTime(holdingMicros, workMeanMicros, workStddevMicros,
                Math.max(0.0, holdingMicros - workMeanMicros), scv);
    }
}
