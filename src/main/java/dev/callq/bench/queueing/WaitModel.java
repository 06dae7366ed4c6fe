package dev.callq.bench.queueing;

import java.util.Optional;

/**
 * Queue wait of a worker pool fed by Poisson arrivals, the sizing question of this project: "how
 * many workers for λ events/s so that the p-quantile of the wait stays under a target?".
 *
 * <p><b>The target is on queue wait</b>, enqueue → dequeue, which is the SLO this project
 * measures; it does not include the service time itself. Exponential work (Cs² = 1) gives exact
 * M/M/c (Erlang C); any other Cs² applies the {@link AllenCunneen} approximation, to the mean and
 * to the quantile.
 *
 * <p>Count events, not calls: a call through Kamailio that enqueues on INVITE and on BYE makes two
 * events. The holding time S is everything a worker is busy for per event: the work plus the pop
 * round trip. The model knows nothing of Redis itself: one Redis instance executes commands on one
 * thread, and that ceiling caps the plan whatever the worker count.
 *
 * @param arrivalRatePerSec  λ, events per second
 * @param serviceTimeMicros  S, mean holding time per event
 * @param serviceScv         Cs², squared coefficient of variation of the holding time
 */
public record WaitModel(double arrivalRatePerSec, double serviceTimeMicros, double serviceScv) {

    public WaitModel {
        ErlangC.requireNonNegative(arrivalRatePerSec, "arrival rate per second");
        ErlangC.requireNonNegative(serviceTimeMicros, "service time in microseconds");
        ErlangC.requireNonNegative(serviceScv, "squared coefficient of variation of service times");
    }

    /** M/M/c: exponential holding times, Cs² = 1. */
    public static WaitModel exponential(double arrivalRatePerSec, double serviceTimeMicros) {
        return new WaitModel(arrivalRatePerSec, serviceTimeMicros, 1.0);
    }

    /** A = λ·S Erlangs. */
    public double offeredLoadErlangs() {
        return ErlangC.offeredLoadErlangs(arrivalRatePerSec, serviceTimeMicros);
    }

    /** f = (1 + Cs²)/2; 1 for exponential work. */
    public double correctionFactor() {
        return AllenCunneen.correctionFactor(AllenCunneen.POISSON_ARRIVAL_SCV, serviceScv);
    }

    /** The fewest workers that could keep up at all: the smallest c &gt; A. */
    public int minimumStableWorkers() {
        return (int) Math.floor(offeredLoadErlangs()) + 1;
    }

    /** The steady state of {@code workers}, or {@link PoolEstimate.Unstable} when c ≤ A. */
    public PoolEstimate estimate(int workers, double percentile) {
        ErlangC.requireWorkers(workers);
        ErlangC.requirePercentile(percentile);
        double load = offeredLoadErlangs();
        if (!ErlangC.isStable(workers, load)) {
            return new PoolEstimate.Unstable(workers, load);
        }
        return stable(workers, load, ErlangC.erlangB(workers, load), percentile);
    }

    /**
     * The smallest c whose p-quantile queue wait is at most {@code waitTargetMicros}.
     *
     * <p>The quantile falls as c grows and reaches 0 once Erlang C drops to 1 − p, so the search
     * ends. It steps the Erlang B recursion one worker at a time instead of restarting it, so a
     * pool of thousands costs thousands of steps, not millions.
     */
    public Sizing size(double percentile, double waitTargetMicros) {
        ErlangC.requirePercentile(percentile);
        ErlangC.requireNonNegative(waitTargetMicros, "wait target in microseconds");
        double load = offeredLoadErlangs();
        double blocking = 1.0;
        for (int workers = 1; ; workers++) {
            blocking = ErlangC.nextErlangB(blocking, workers, load);
            if (!ErlangC.isStable(workers, load)) {
                continue;
            }
            PoolEstimate.Stable estimate = stable(workers, load, blocking, percentile);
            if (estimate.percentileWaitMicros() <= waitTargetMicros) {
                return new Sizing(percentile, waitTargetMicros, estimate,
                        workers == 1 ? Optional.empty() : Optional.of(estimate(workers - 1, percentile)));
            }
        }
    }

    private PoolEstimate.Stable stable(int workers, double load, double blocking, double percentile) {
        double waiting = ErlangC.erlangCFromErlangB(workers, load, blocking);
        double spareErlangs = workers - load;
        double tailMeanScaleMicros = correctionFactor() * serviceTimeMicros;
        double meanWaitMicros = waiting * tailMeanScaleMicros / spareErlangs;
        double percentileWaitMicros = ErlangC.quantile(waiting, spareErlangs, tailMeanScaleMicros, percentile);
        return new PoolEstimate.Stable(workers, load, load / workers, waiting, meanWaitMicros,
                percentile, percentileWaitMicros);
    }
}
