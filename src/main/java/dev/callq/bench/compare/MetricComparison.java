package dev.callq.bench.compare;

/**
 * One metric of one cell, baseline against current.
 *
 * @param worseBy  the relative change in the bad direction (p99 up, throughput down); negative is better
 * @param noise    the relative spread between repeats (max − min over median, the larger of both sides),
 *                 shown beside the verdict; NaN unless both sides were repeated
 */
public record MetricComparison(CellKey key, String metric, double baseline, double current, double worseBy,
                               double noise, int baselineRepeats, int currentRepeats, String note,
                               Verdict verdict) {
}
