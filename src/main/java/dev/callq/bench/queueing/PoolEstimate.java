package dev.callq.bench.queueing;

/**
 * What a {@link WaitModel} predicts for one pool size: either a steady state with its queue-wait
 * figures, or the statement that the pool cannot keep up. Kept as two types so an unstable pool can
 * never be printed as a number.
 */
public sealed interface PoolEstimate permits PoolEstimate.Stable, PoolEstimate.Unstable {

    int workers();

    double offeredLoadErlangs();

    default boolean isStable() {
        return this instanceof Stable;
    }

    /**
     * @param utilisation           ρ = A/c, the fraction of time a worker is busy
     * @param probabilityOfWaiting  Erlang C: the fraction of events that find every worker busy
     * @param meanWaitMicros        mean enqueue → dequeue wait (Allen–Cunneen corrected)
     * @param percentile            the p of {@code percentileWaitMicros}, as a fraction (0.99)
     * @param percentileWaitMicros  the p-quantile of the enqueue → dequeue wait
     */
    record Stable(int workers, double offeredLoadErlangs, double utilisation, double probabilityOfWaiting,
                  double meanWaitMicros, double percentile, double percentileWaitMicros) implements PoolEstimate {
    }

    /** c ≤ A: the backlog grows without bound, whatever the percentile. */
    record Unstable(int workers, double offeredLoadErlangs) implements PoolEstimate {
    }
}
