package dev.callq.bench.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Compares two result sets cell by cell. A metric regresses only when it got worse by more than the
 * tolerance AND by more than the noise seen between repeats can explain: the p99 by a test on every
 * repeat's per-second p99s and the p50 enqueue→done by a test on every repeat's ({@link RepeatsTTest}), throughput (and a p99 measured without interval logs)
 * by the repeats' ranges ({@link #compare}); without repeats the comparison cannot tell noise from change,
 * and says so. Broken or missing evidence fails: a cell missing from the current run, a cell with too few
 * latencies for a p99, a cell whose numbers were untrustworthy.
 */
public final class Comparison {
    private final List<MetricComparison> rows;

    private Comparison(List<MetricComparison> rows) {
        this.rows = List.copyOf(rows);
    }

    public static Comparison of(ResultSet baseline, ResultSet current, Tolerance tolerance) {
        Set<CellKey> keys = new LinkedHashSet<>(baseline.cells().keySet());
        keys.addAll(current.cells().keySet());
        List<MetricComparison> rows = new ArrayList<>();
        for (CellKey key : keys) {
            List<CellMeasurement> before = baseline.cells().getOrDefault(key, List.of());
            List<CellMeasurement> after = current.cells().getOrDefault(key, List.of());
            if (before.isEmpty() || after.isEmpty()) {
                rows.add(unjudged(key, before, after, before.isEmpty() ? "not in the baseline" : "not in the current run",
                        before.isEmpty() ? Verdict.NEW : Verdict.MISSING));
                continue;
            }
            String untrustworthy = untrustworthy(before, "baseline", after, "current");
            if (untrustworthy != null) {
                rows.add(unjudged(key, before, after, untrustworthy, Verdict.UNTRUSTWORTHY));
                continue;
            }
            String tooFew = tooFewSamples(before, "baseline", after, "current");
            if (tooFew != null) {
                rows.add(unjudged(key, before, after, tooFew, Verdict.TOO_FEW_SAMPLES));
                continue;
            }
            String note = serviceTimeNote(before, after);
            boolean intervals = before.size() > 1 && after.size() > 1
                    && Stream.concat(before.stream(), after.stream()).noneMatch(m -> m.intervalP99Micros().isEmpty());
            rows.add(intervals ? RepeatsTTest.typicalP99(key, before, after, tolerance.p99Rise(), note)
                    : compare(key, P99_METRIC, before, after, m -> m.p99Micros(), +1, tolerance.p99Rise(), note));
            if (intervals && Stream.concat(before.stream(), after.stream()).allMatch(m -> m.p50DoneMicros() > 0)) {
                rows.add(RepeatsTTest.p50Done(key, before, after, tolerance.p50DoneRise(), note));
            }
            rows.add(compare(key, "throughput (events/s)", before, after, CellMeasurement::throughputPerSec, -1,
                    tolerance.throughputDrop(), note));
        }
        return new Comparison(rows);
    }

    static final String P99_METRIC = "p99 enqueue→dequeue (µs)";

    private static MetricComparison unjudged(CellKey key, List<CellMeasurement> before, List<CellMeasurement> after,
                                             String note, Verdict verdict) {
        return new MetricComparison(key, "-", Double.NaN, Double.NaN, Double.NaN, Double.NaN, before.size(),
                after.size(), note, verdict);
    }

    /** The first untrustworthy repeat of either side and why, or null when all can be trusted. */
    private static String untrustworthy(List<CellMeasurement> before, String beforeName,
                                        List<CellMeasurement> after, String afterName) {
        for (CellMeasurement m : before) {
            if (m.untrustworthy() != null) {
                return beforeName + " " + m.folder().getFileName() + ": " + m.untrustworthy();
            }
        }
        return after == null ? null : untrustworthy(after, afterName, null, null);
    }

    private static String tooFewSamples(List<CellMeasurement> before, String beforeName,
                                        List<CellMeasurement> after, String afterName) {
        for (CellMeasurement m : before) {
            if (m.tooFewSamples()) {
                return beforeName + " " + m.folder().getFileName() + ": " + m.samples() + " latencies, fewer than "
                        + CellMeasurement.MIN_SAMPLES;
            }
        }
        return after == null ? null : tooFewSamples(after, afterName, null, null);
    }

    /** A change must exceed this multiple of the noise between repeats to count. */
    static final double NOISE_MULTIPLE = 2.0;

    public List<MetricComparison> rows() {
        return rows;
    }

    public boolean hasRegression() {
        return rows.stream().anyMatch(r -> r.verdict().fails());
    }

    /** What failed the gate, counted by verdict: "1 REGRESSION, 2 MISSING from the current run". */
    public String failureSummary() {
        Map<Verdict, Long> counts = new EnumMap<>(Verdict.class);
        rows.stream().filter(r -> r.verdict().fails()).forEach(r -> counts.merge(r.verdict(), 1L, Long::sum));
        return counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().label())
                .collect(Collectors.joining(", "));
    }

    public boolean guarded() {
        return rows.stream().allMatch(r -> r.metric().equals("-") || !Double.isNaN(r.noise()));
    }

    /**
     * A metric regresses when its median got worse by more than the tolerance and by more than twice
     * the noise (the larger relative spread of either side's repeats), and every current repeat is worse
     * than every baseline repeat by more than the tolerance. Ranges that merely do not overlap are not
     * enough: with three repeats a side they do so by chance once in twenty comparisons (1 in C(6,3)
     * each way), which failed a CI run on an unchanged configuration; with both margins it is about one
     * in a hundred (simulated with lognormal noise, σ 0.2 to 0.8). With a single run on either side there
     * is no range to go by, and the verdict says so.
     *
     * @param worseDirection +1 when a higher value is worse (latency), −1 when lower is worse (throughput)
     */
    private static MetricComparison compare(CellKey key, String metric, List<CellMeasurement> before,
                                            List<CellMeasurement> after, ToDoubleFunction<CellMeasurement> value,
                                            int worseDirection, double tolerance, String note) {
        double[] baseValues = before.stream().mapToDouble(value).toArray();
        double[] currentValues = after.stream().mapToDouble(value).toArray();
        double base = median(baseValues);
        double now = median(currentValues);
        double worseBy = base == 0 ? (now == 0 ? 0 : Double.POSITIVE_INFINITY * worseDirection * Math.signum(now))
                : worseDirection * (now - base) / base;
        boolean guarded = baseValues.length > 1 && currentValues.length > 1;
        double noise = guarded ? Math.max(spread(baseValues), spread(currentValues)) : Double.NaN;
        Verdict verdict;
        if (worseBy > tolerance) {
            if (!guarded) {
                verdict = Verdict.UNGUARDED_REGRESSION;
            } else {
                boolean beyondNoise = worseBy > NOISE_MULTIPLE * noise
                        && separated(currentValues, baseValues, worseDirection, tolerance);
                verdict = beyondNoise ? Verdict.REGRESSION : Verdict.WITHIN_NOISE;
            }
        } else {
            boolean beyondNoise = !guarded || (-worseBy > NOISE_MULTIPLE * noise
                    && separated(baseValues, currentValues, worseDirection, tolerance));
            verdict = -worseBy > tolerance && beyondNoise ? Verdict.IMPROVED : Verdict.OK;
        }
        return new MetricComparison(key, metric, base, now, worseBy, noise, before.size(), after.size(), note, verdict);
    }

    /** True when every value of {@code worse} is worse than every value of {@code better} by more than {@code margin}. */
    static boolean separated(double[] worse, double[] better, int worseDirection, double margin) {
        if (worseDirection > 0) {
            return Arrays.stream(worse).min().orElseThrow() > Arrays.stream(better).max().orElseThrow() * (1 + margin);
        }
        return Arrays.stream(worse).max().orElseThrow() < Arrays.stream(better).min().orElseThrow() * (1 - margin);
    }

    private static String serviceTimeNote(List<CellMeasurement> before, List<CellMeasurement> after) {
        String was = before.get(0).serviceTime();
        String is = after.get(0).serviceTime();
        return was.equals(is) ? "" : "service time " + was + " → " + is;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** (max − min) / median, or NaN for a single value: one run shows no noise. */
    static double spread(double[] values) {
        if (values.length < 2) {
            return Double.NaN;
        }
        double min = Arrays.stream(values).min().orElseThrow();
        double max = Arrays.stream(values).max().orElseThrow();
        double median = median(values);
        return median == 0 ? (max == min ? 0 : Double.POSITIVE_INFINITY) : (max - min) / median;
    }
}
