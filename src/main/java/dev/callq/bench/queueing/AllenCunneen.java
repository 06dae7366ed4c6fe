package dev.callq.bench.queueing;

/**
 * The Allen–Cunneen approximation for a pool whose holding times are not exponential (M/G/c, and
 * G/G/c through the arrival term):
 *
 * <pre>
 *   Wq(G/G/c) ≈ Wq(M/M/c) · (Ca² + Cs²) / 2
 * </pre>
 *
 * where Ca² and Cs² are the squared coefficients of variation of the inter-arrival and holding
 * times. Events pushed by many independent calls are close to Poisson, so Ca² = 1 here and only
 * Cs² comes from the work: 0 for a fixed cost, 1 for exponential (the correction then vanishes
 * and this is Erlang C), e^(σ²) − 1 for a lognormal.
 *
 * <p><b>This is an approximation.</b> It is exact for M/M/c and for M/G/1 (where it reduces to the
 * Pollaczek–Khinchine mean); for several workers its error grows at light load and with very
 * variable work, such as a lognormal with a large σ. It says nothing about
 * the shape of the wait distribution, so for quantiles this class keeps the M/M/c shape — no wait
 * with probability 1 − C, otherwise exponential — and scales the exponential part's mean by the
 * same factor f = (Ca² + Cs²)/2:
 *
 * <pre>
 *   P(wait &gt; t) ≈ C · e^(−(c−A)·t / (f·S))
 *   t_p ≈ f · S · ln(C / (1 − p)) / (c − A)   when C &gt; 1 − p, else 0
 * </pre>
 *
 * That keeps the mean consistent with the corrected Wq and leaves P(wait &gt; 0) at Erlang C.
 * Check any plan built on it against a measured run.
 */
public final class AllenCunneen {

    /** Ca² of Poisson arrivals: exponential inter-arrival times. */
    public static final double POISSON_ARRIVAL_SCV = 1.0;

    private AllenCunneen() {
    }

    /** f = (Ca² + Cs²) / 2, the factor that scales the M/M/c wait. */
    public static double correctionFactor(double arrivalScv, double serviceScv) {
        ErlangC.requireNonNegative(arrivalScv, "squared coefficient of variation of inter-arrival times");
        ErlangC.requireNonNegative(serviceScv, "squared coefficient of variation of service times");
        return (arrivalScv + serviceScv) / 2.0;
    }

    /**
     * Mean queue wait with Poisson arrivals: Wq ≈ C·S/(c − A) · (1 + Cs²)/2.
     *
     * @throws UnstableQueueException when c ≤ A
     */
    public static double meanWaitMicros(int workers, double offeredLoadErlangs,
                                        double serviceTimeMicros, double serviceScv) {
        double factor = correctionFactor(POISSON_ARRIVAL_SCV, serviceScv);
        return ErlangC.meanWaitMicros(workers, offeredLoadErlangs, serviceTimeMicros) * factor;
    }

    /**
     * P(wait &gt; t) ≈ C · e^(−(c−A)·t / (f·S)) with Poisson arrivals.
     *
     * @throws UnstableQueueException when c ≤ A
     */
    public static double probabilityWaitExceeds(int workers, double offeredLoadErlangs, double serviceTimeMicros,
                                                double serviceScv, double waitMicros) {
        ErlangC.requireNonNegative(waitMicros, "wait in microseconds");
        double factor = correctionFactor(POISSON_ARRIVAL_SCV, serviceScv);
        double waiting = ErlangC.probabilityOfWaiting(workers, offeredLoadErlangs);
        return ErlangC.tailProbability(waiting, workers - offeredLoadErlangs, factor * serviceTimeMicros, waitMicros);
    }

    /**
     * The p-quantile of the queue wait with Poisson arrivals:
     * t_p ≈ f·S·ln(C/(1 − p))/(c − A) when C &gt; 1 − p, else 0.
     *
     * @param percentile p as a fraction in (0, 1): 0.99 for p99
     * @throws UnstableQueueException when c ≤ A
     */
    public static double percentileWaitMicros(int workers, double offeredLoadErlangs, double serviceTimeMicros,
                                              double serviceScv, double percentile) {
        double factor = correctionFactor(POISSON_ARRIVAL_SCV, serviceScv);
        double waiting = ErlangC.probabilityOfWaiting(workers, offeredLoadErlangs);
        return ErlangC.quantile(waiting, workers - offeredLoadErlangs, factor * serviceTimeMicros, percentile);
    }
}
