package dev.callq.bench.compare;

/**
 * One metric of one cell, baseline against current.
 *
 * @param worseBy    the relative change in the bad direction (p99 up, throughput down); negative is better
 * @param noise      the relative spread between repeats (max − min over median, the larger of both sides),
 *                   shown beside the verdict; NaN unless both sides were repeated
 * @param worseByLow  lower end of the 95 % confidence interval of {@code worseBy}; NaN where not tested
 * @param worseByHigh upper end of that interval
 * @param detectable  the smallest worsening this comparison would flag 9 times in 10, given its noise and
 *                    the tolerance; NaN where not tested
 */
public record MetricComparison(CellKey key, String metric, double baseline, double current, double worseBy,
                               double noise, int baselineRepeats, int currentRepeats, String note,
                               Verdict verdict, double worseByLow, double worseByHigh, double detectable) {
    /** A metric judged by the repeats' ranges, without a confidence interval. */
    public MetricComparison(CellKey key, String metric, double baseline, double current, double worseBy,
                            double noise, int baselineRepeats, int currentRepeats, String note, Verdict verdict) {
        this(key, metric, baseline, current, worseBy, noise, baselineRepeats, currentRepeats, note, verdict,
                Double.NaN, Double.NaN, Double.NaN);
    }
}
