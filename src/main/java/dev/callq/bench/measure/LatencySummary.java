package dev.callq.bench.measure;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.HdrHistogram.Histogram;

/**
 * Cumulative percentiles of one metric, in microseconds.
 *
 * @param nonPositive samples that were zero or negative (recorded as 0, never dropped)
 * @param clockUncertaintyMicros how far each percentile may be off because its two clock readings came from
 *                    different hosts, aligned to one reference only to within this ({@link ClockOffset});
 *                    0 when both readings came from one clock
 */
public record LatencySummary(long count, long p50, long p90, long p99, long p999, long p9999, long max,
                             double mean, long nonPositive,
                             @JsonInclude(JsonInclude.Include.NON_DEFAULT) long clockUncertaintyMicros) {

    /** Percentiles whose two clock readings came from one clock. */
    public LatencySummary(long count, long p50, long p90, long p99, long p999, long p9999, long max,
                          double mean, long nonPositive) {
        this(count, p50, p90, p99, p999, p9999, max, mean, nonPositive, 0);
    }

    public static LatencySummary of(Histogram histogram, long nonPositive) {
        return of(histogram, nonPositive, 0);
    }

    /** Percentiles whose clock readings came from hosts aligned to within ± {@code clockUncertaintyMicros}. */
    public static LatencySummary of(Histogram histogram, long nonPositive, long clockUncertaintyMicros) {
        if (histogram.getTotalCount() == 0) {
            return new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0, nonPositive, clockUncertaintyMicros);
        }
        return new LatencySummary(histogram.getTotalCount(),
                histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(90),
                histogram.getValueAtPercentile(99), histogram.getValueAtPercentile(99.9),
                histogram.getValueAtPercentile(99.99), histogram.getMaxValue(),
                Math.round(histogram.getMean() * 10) / 10.0, nonPositive, clockUncertaintyMicros);
    }
}
