package dev.callq.bench.queueing;

import java.util.Arrays;
import java.util.Locale;

/**
 * A two-sided percentile interval from bootstrap replicates: the {@code (1 − confidence)/2} and
 * {@code (1 + confidence)/2} quantiles of the replicates (nearest rank). A bound may be infinite: a
 * resampled USL fit without coherency cost (κ = 0) has no peak, so its N* is +∞.
 *
 * @param low        the lower bound
 * @param high       the upper bound, ≥ low
 * @param confidence the two-sided level as a fraction: 0.90 for a 90 % interval
 */
public record ConfidenceInterval(double low, double high, double confidence) {

    public ConfidenceInterval {
        if (Double.isNaN(low) || Double.isNaN(high) || low > high) {
            throw new IllegalArgumentException("an interval needs low ≤ high, got " + low + " and " + high);
        }
        if (!(confidence > 0.0 && confidence < 1.0)) {
            throw new IllegalArgumentException("confidence must be between 0 and 1, got " + confidence);
        }
    }

    /** The percentile interval of {@code replicates} (not modified); at least one replicate. */
    public static ConfidenceInterval ofReplicates(double[] replicates, double confidence) {
        if (replicates.length == 0) {
            throw new IllegalArgumentException("no replicate to take an interval from");
        }
        double[] sorted = replicates.clone();
        Arrays.sort(sorted);
        double tail = (1.0 - confidence) / 2.0;
        return new ConfidenceInterval(nearestRank(sorted, tail), nearestRank(sorted, 1.0 - tail), confidence);
    }

    public boolean contains(double value) {
        return value >= low && value <= high;
    }

    public boolean bounded() {
        return !Double.isInfinite(low) && !Double.isInfinite(high);
    }

    /** "0.0243–0.0291" with {@code format} applied to each bound; an infinite bound reads "∞". */
    public String format(String format) {
        return bound(format, low) + "–" + bound(format, high);
    }

    /** "90 %". */
    public String levelLabel() {
        return String.format(Locale.ROOT, "%.0f %%", confidence * 100.0);
    }

    private static String bound(String format, double value) {
        return Double.isInfinite(value) ? (value > 0 ? "∞" : "−∞") : String.format(Locale.ROOT, format, value);
    }

    private static double nearestRank(double[] sorted, double quantile) {
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
    }
}
