package dev.callq.bench.queueing;

/**
 * The M/M/c queue: Poisson arrivals, exponential holding times, {@code c} identical workers and
 * an unbounded first-come-first-served queue (the Redis list). These are exact results for that
 * model; a real worker pool departs from it (see {@link AllenCunneen} for non-exponential work).
 *
 * <p>Notation, as in DESIGN.md "Capacity planning": λ arrival rate, S mean holding time per event
 * (the work plus the pop round trip), offered load A = λ·S Erlangs, c workers. The queue is stable
 * only when c &gt; A; every method that needs a steady state throws {@link UnstableQueueException}
 * otherwise, because there is no finite wait to report.
 *
 * <p>Times are in microseconds, the unit the harness records; any unit works for the functions
 * that return a wait as long as the holding time uses the same one.
 */
public final class ErlangC {

    private ErlangC() {
    }

    /** A = λ·S: how many workers would be busy on average if there were enough of them. */
    public static double offeredLoadErlangs(double arrivalRatePerSec, double serviceTimeMicros) {
        requireNonNegative(arrivalRatePerSec, "arrival rate per second");
        requireNonNegative(serviceTimeMicros, "service time in microseconds");
        return arrivalRatePerSec * serviceTimeMicros / 1e6;
    }

    /** Whether {@code workers} can keep up with the offered load at all (c &gt; A). */
    public static boolean isStable(int workers, double offeredLoadErlangs) {
        return workers > offeredLoadErlangs;
    }

    /**
     * Erlang B (blocking probability of M/M/c/c) by the recursion
     * B₀ = 1, Bₖ = A·Bₖ₋₁ / (k + A·Bₖ₋₁).
     *
     * <p>The textbook form Aᶜ/c! / Σ Aᵏ/k! overflows a double near c = 170; every term of the
     * recursion stays in [0, 1], so it holds for thousands of workers.
     */
    public static double erlangB(int workers, double offeredLoadErlangs) {
        requireWorkers(workers);
        requireNonNegative(offeredLoadErlangs, "offered load in Erlangs");
        double blocking = 1.0;
        for (int k = 1; k <= workers; k++) {
            blocking = nextErlangB(blocking, k, offeredLoadErlangs);
        }
        return blocking;
    }

    /** One step of the Erlang B recursion: B(k) from B(k−1). */
    static double nextErlangB(double previousBlocking, int workers, double offeredLoadErlangs) {
        double numerator = offeredLoadErlangs * previousBlocking;
        return numerator / (workers + numerator);
    }

    /**
     * Erlang C, the probability that an event has to wait for a worker:
     * C = c·B / (c − A·(1 − B)), with B = Erlang B for c workers.
     *
     * @throws UnstableQueueException when c ≤ A
     */
    public static double probabilityOfWaiting(int workers, double offeredLoadErlangs) {
        requireStable(workers, offeredLoadErlangs);
        return erlangCFromErlangB(workers, offeredLoadErlangs, erlangB(workers, offeredLoadErlangs));
    }

    /** C from B without repeating the recursion, for searches that step c upward. */
    static double erlangCFromErlangB(int workers, double offeredLoadErlangs, double blocking) {
        return workers * blocking / (workers - offeredLoadErlangs * (1.0 - blocking));
    }

    /**
     * Mean queue wait (enqueue to dequeue) Wq = C·S / (c − A).
     *
     * @throws UnstableQueueException when c ≤ A
     */
    public static double meanWaitMicros(int workers, double offeredLoadErlangs, double serviceTimeMicros) {
        double waiting = probabilityOfWaiting(workers, offeredLoadErlangs);
        return waiting * serviceTimeMicros / (workers - offeredLoadErlangs);
    }

    /**
     * P(wait &gt; t) = C·e^(−(c−A)·t/S). Given that it waits, an event's wait in M/M/c is
     * exponential with mean S/(c − A): the pool drains the queue at rate c/S, it fills at λ.
     *
     * @throws UnstableQueueException when c ≤ A
     */
    public static double probabilityWaitExceeds(int workers, double offeredLoadErlangs,
                                                double serviceTimeMicros, double waitMicros) {
        requireNonNegative(waitMicros, "wait in microseconds");
        double waiting = probabilityOfWaiting(workers, offeredLoadErlangs);
        return tailProbability(waiting, workers - offeredLoadErlangs, serviceTimeMicros, waitMicros);
    }

    static double tailProbability(double waiting, double spareErlangs, double meanScaleMicros, double waitMicros) {
        return waiting * Math.exp(-spareErlangs * waitMicros / meanScaleMicros);
    }

    /**
     * The p-quantile of the queue wait: t_p = S·ln(C / (1 − p)) / (c − A) when C &gt; 1 − p, else 0
     * (more than a fraction p of events find a free worker and do not wait at all).
     *
     * @param percentile p as a fraction in (0, 1): 0.99 for p99
     * @throws UnstableQueueException when c ≤ A
     */
    public static double percentileWaitMicros(int workers, double offeredLoadErlangs,
                                              double serviceTimeMicros, double percentile) {
        double waiting = probabilityOfWaiting(workers, offeredLoadErlangs);
        return quantile(waiting, workers - offeredLoadErlangs, serviceTimeMicros, percentile);
    }

    /** The p-quantile of a wait that is 0 with probability 1 − C and otherwise exponential. */
    static double quantile(double waiting, double spareErlangs, double meanScaleMicros, double percentile) {
        requirePercentile(percentile);
        double exceed = 1.0 - percentile;
        if (waiting <= exceed) {
            return 0.0;
        }
        return meanScaleMicros * Math.log(waiting / exceed) / spareErlangs;
    }

    /**
     * The smallest pool whose p-quantile queue wait is at most the target, for M/M/c. Equivalent
     * to {@code WaitModel.exponential(λ, S).size(p, target).workers()}; use {@link WaitModel} to
     * correct for non-exponential work and to see the estimate for the pool one smaller.
     */
    public static int minimumWorkers(double arrivalRatePerSec, double serviceTimeMicros,
                                     double percentile, double waitTargetMicros) {
        return WaitModel.exponential(arrivalRatePerSec, serviceTimeMicros)
                .size(percentile, waitTargetMicros)
                .workers();
    }

    static void requireStable(int workers, double offeredLoadErlangs) {
        requireWorkers(workers);
        requireNonNegative(offeredLoadErlangs, "offered load in Erlangs");
        if (!isStable(workers, offeredLoadErlangs)) {
            throw new UnstableQueueException(workers, offeredLoadErlangs);
        }
    }

    static void requireWorkers(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("a pool needs at least 1 worker, got " + workers);
        }
    }

    static void requirePercentile(double percentile) {
        if (!(percentile > 0.0 && percentile < 1.0)) {
            throw new IllegalArgumentException("percentile must be a fraction in (0, 1), e.g. 0.99, got " + percentile);
        }
    }

    static void requireNonNegative(double value, String what) {
        if (!(value >= 0.0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be a finite number ≥ 0, got " + value);
        }
    }
}
