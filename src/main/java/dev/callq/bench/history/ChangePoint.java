package dev.callq.bench.history;

import org.apache.commons.math3.distribution.TDistribution;

import java.util.Arrays;

/**
 * A change in a series' mean, and how sure it is: the two segments either side of it compared by Student's
 * two-sided t-test with the variance pooled over both (as Apache Otava does, with sample variances).
 *
 * @param index      the first point after the change
 * @param meanBefore the mean of the segment before it (from the previous change point, or the start)
 * @param meanAfter  the mean of the segment after it (to the next change point, or the end)
 * @param p          the t-test's two-sided p-value
 * @param change     meanAfter / meanBefore − 1
 * @param changeLow  lower end of the 95 % confidence interval of {@code change} (Fieller's, for a ratio of two
 *                   means); NaN when the interval is unbounded (the mean before is itself not clearly non-zero)
 * @param changeHigh upper end of that interval
 */
public record ChangePoint(int index, double meanBefore, double meanAfter, double p, double change, double changeLow,
                          double changeHigh) {
    static final double CONFIDENCE = 0.95;

    /** Compares {@code before} and {@code after}, the segments either side of a change at {@code index}. */
    static ChangePoint between(int index, double[] before, double[] after) {
        double meanBefore = mean(before);
        double meanAfter = mean(after);
        int degrees = before.length + after.length - 2;
        double change = meanBefore == 0 ? Double.NaN : meanAfter / meanBefore - 1;
        if (degrees <= 0) {
            return new ChangePoint(index, meanBefore, meanAfter, 1, change, Double.NaN, Double.NaN);
        }
        double pooledVariance = (squares(before, meanBefore) + squares(after, meanAfter)) / degrees;
        double varianceBefore = pooledVariance / before.length;
        double varianceAfter = pooledVariance / after.length;
        double p;
        if (pooledVariance == 0) {
            p = meanBefore == meanAfter ? 1 : 0; // no noise at all: any difference is certain
        } else {
            double t = (meanAfter - meanBefore) / Math.sqrt(varianceBefore + varianceAfter);
            p = 2 * new TDistribution(degrees).cumulativeProbability(-Math.abs(t));
        }
        double critical = new TDistribution(degrees).inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);
        double[] ratio = fieller(meanAfter, meanBefore, varianceAfter, varianceBefore, critical);
        return new ChangePoint(index, meanBefore, meanAfter, p, change, ratio[0] - 1, ratio[1] - 1);
    }

    /**
     * Fieller's confidence interval of a / b for independent normal estimates a and b: unlike (a − b) / b ± t·SE / b,
     * it allows for b being uncertain too. Unbounded (NaN) when b's own interval reaches zero.
     */
    private static double[] fieller(double a, double b, double varianceA, double varianceB, double critical) {
        double g = critical * critical * varianceB / (b * b);
        if (!(g < 1)) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double ratio = a / b;
        double halfWidth = critical / Math.abs(b) * Math.sqrt(varianceA * (1 - g) + ratio * ratio * varianceB);
        return new double[] {(ratio - halfWidth) / (1 - g), (ratio + halfWidth) / (1 - g)};
    }

    /** Otava's magnitude: the larger of the relative changes forward and backward, so a halving counts as a doubling. */
    public double magnitude() {
        if (meanBefore == 0 || meanAfter == 0) {
            return meanBefore == meanAfter ? 0 : Double.POSITIVE_INFINITY;
        }
        return Math.max(Math.abs(meanAfter / meanBefore - 1), Math.abs(meanBefore / meanAfter - 1));
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }

    private static double squares(double[] values, double mean) {
        return Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum();
    }
}
