package dev.callq.bench.compare;

import org.apache.commons.math3.distribution.TDistribution;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The gate's test of a latency metric over repeats: one number per repeat, compared on a log scale. For
 * the p99 that number comes from many: each repeat's per-second p99s are summarised by their median, the repeat's typical
 * p99 ({@link CellMeasurement#typicalP99Micros()}): seconds of one run are autocorrelated and share that
 * run's JVM, placement and neighbours, so they are not independent draws, and pooling them into one
 * rank test flags unchanged reruns far more often than its nominal rate. The unit of evidence is the
 * repeat; the seconds only make each repeat's number steady (a GC pause or a neighbour's burst moves the
 * median by one second's worth, while it sets the whole-run p99). For the p50 enqueue→done (the per-event
 * cost, where a slower consumer shows first and with little noise) it is the repeat's whole-phase median.
 * <p>
 * The repeats' numbers are compared on a log scale by Student's t with the variance pooled over both sides:
 * noise on a latency is multiplicative, so on a log scale an unchanged rerun has the same spread on both
 * sides, and pooling gives n<sub>base</sub> + n<sub>current</sub> − 2 degrees of freedom where Welch's
 * correction leaves about one with 2 or 3 repeats a side (a critical t of 12.7 rather than 3.2: no power
 * at all). The effect is the ratio of the sides' geometric means, with a 95 % confidence interval. A cell regresses when the effect
 * exceeds the tolerance AND the interval lies wholly above no change (one-sided 2.5 %). The smallest
 * change the comparison would detect 9 times in 10 is (t<sub>0.975</sub> + t<sub>0.90</sub>) standard
 * errors, or the tolerance when that is larger. Measured on this project's 2-core machine by
 * benchmarks/gate-power.sh (figures in docs/findings/gate-power.md).
 */
final class RepeatsTTest {
    /** Two-sided confidence of the interval; its lower end must clear zero for a regression. */
    static final double CONFIDENCE = 0.95;
    /** The probability of detection behind {@link MetricComparison#detectable()}. */
    static final double POWER = 0.90;

    private RepeatsTTest() {
    }

    /** The p99 row: each repeat's typical second. */
    static MetricComparison typicalP99(CellKey key, List<CellMeasurement> before, List<CellMeasurement> after,
                                       double tolerance, String note) {
        return compare(key, "p99 enqueue→dequeue, typical second (µs)", before, after,
                CellMeasurement::typicalP99Micros, tolerance, note);
    }

    /** The p50 enqueue→done row: each repeat's median over its measured phase. */
    static MetricComparison p50Done(CellKey key, List<CellMeasurement> before, List<CellMeasurement> after,
                                    double tolerance, String note) {
        return compare(key, "p50 enqueue→done (µs)", before, after, CellMeasurement::p50DoneMicros, tolerance, note);
    }

    private static MetricComparison compare(CellKey key, String metric, List<CellMeasurement> before,
                                            List<CellMeasurement> after, ToDoubleFunction<CellMeasurement> value,
                                            double tolerance, String note) {
        double[] base = logs(before, value);
        double[] now = logs(after, value);
        int degrees = base.length + now.length - 2;
        double pooledVariance = (variance(base) * (base.length - 1) + variance(now) * (now.length - 1)) / degrees;
        double logRatio = mean(now) - mean(base);
        double standardError = Math.sqrt(pooledVariance * (1.0 / base.length + 1.0 / now.length));
        TDistribution t = new TDistribution(degrees);
        double critical = t.inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);
        double worseBy = Math.expm1(logRatio);
        double low = Math.expm1(logRatio - critical * standardError);
        double high = Math.expm1(logRatio + critical * standardError);
        double detectable = Math.max(tolerance,
                Math.expm1((critical + t.inverseCumulativeProbability(POWER)) * standardError));
        Verdict verdict;
        if (worseBy > tolerance) {
            verdict = low > 0 ? Verdict.REGRESSION : Verdict.WITHIN_NOISE;
        } else {
            verdict = -worseBy > tolerance && high < 0 ? Verdict.IMPROVED : Verdict.OK;
        }
        double noise = Math.max(Comparison.spread(values(before, value)), Comparison.spread(values(after, value)));
        return new MetricComparison(key, metric, Math.exp(mean(base)), Math.exp(mean(now)), worseBy, noise,
                before.size(), after.size(), note, verdict, low, high, detectable);
    }

    private static double[] values(List<CellMeasurement> repeats, ToDoubleFunction<CellMeasurement> value) {
        return repeats.stream().mapToDouble(value).toArray();
    }

    /** A latency of 0 µs (a clock step) would be −∞ on a log scale; 1 µs is the log's resolution anyway. */
    private static double[] logs(List<CellMeasurement> repeats, ToDoubleFunction<CellMeasurement> value) {
        return Arrays.stream(values(repeats, value)).map(v -> Math.log(Math.max(v, 1))).toArray();
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElseThrow();
    }

    private static double variance(double[] values) {
        double mean = mean(values);
        return Arrays.stream(values).map(v -> square(v - mean)).sum() / (values.length - 1);
    }

    private static double square(double value) {
        return value * value;
    }
}
