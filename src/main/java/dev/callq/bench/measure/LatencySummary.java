package dev.callq.bench.measure;

import org.HdrHistogram.Histogram;

/**
 * Cumulative percentiles of one metric, in microseconds.
 *
 * @param nonPositive samples that were zero or negative (recorded as 0, never dropped)
 */
public record LatencySummary(long count, long p50, long p90, long p99, long p999, long p9999, long max,
                             double mean, long nonPositive) {

    public static LatencySummary of(Histogram histogram, long nonPositive) {
        if (histogram.getTotalCount() == 0) {
            return new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0, nonPositive);
        }
        return new LatencySummary(histogram.getTotalCount(),
                histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(90),
                histogram.getValueAtPercentile(99), histogram.getValueAtPercentile(99.9),
                histogram.getValueAtPercentile(99.99), histogram.getMaxValue(),
                Math.round(histogram.getMean() * 10) / 10.0, nonPositive);
    }
}
