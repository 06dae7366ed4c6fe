package dev.callq.bench.report;

import dev.callq.bench.queueing.ConfidenceInterval;
import dev.callq.bench.queueing.UslBootstrap;
import dev.callq.bench.queueing.UslFit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Measured throughput against workers with the Universal Scalability Law drawn through it, for the
 * sweep and plan reports: the points as markers, the fitted curve as a line of the same colour, its
 * bootstrap band shaded around it (from {@link UslBootstrap}, the same fixed seed the plan used, so
 * the band is what the command computed), and a table of the fitted parameters with their intervals.
 */
final class UslCurves {
    static final int MINIMUM_WORKER_COUNTS = 3;
    private static final int CURVE_STEPS = 60;

    private final List<Charts.Line> lines = new ArrayList<>();
    private final List<Charts.Band> bands = new ArrayList<>();
    private final List<List<String>> rows = new ArrayList<>();
    private double largestWorkers = 1;

    /** Fits the law to the points, when there are at least three distinct worker counts. */
    static Optional<UslFit> fit(List<UslFit.Point> points) {
        long distinct = points.stream().mapToDouble(UslFit.Point::concurrency).distinct().count();
        return distinct < MINIMUM_WORKER_COUNTS ? Optional.empty() : Optional.of(UslFit.fit(points));
    }

    /** Adds one group's points (and its fitted curve, when there is a fit); its colour is its order. */
    UslCurves add(String name, List<UslFit.Point> points, Optional<UslFit> fit) {
        return add(name, points, fit, "fewer than " + MINIMUM_WORKER_COUNTS + " worker counts");
    }

    /** Adds one group's points without a curve, saying why it has none. */
    UslCurves addUnfitted(String name, List<UslFit.Point> points, String whyNotFitted) {
        return add(name, points, Optional.empty(), whyNotFitted);
    }

    private UslCurves add(String name, List<UslFit.Point> points, Optional<UslFit> fit, String whyNotFitted) {
        int colour = rows.size();
        List<Double> workers = points.stream().map(UslFit.Point::concurrency).toList();
        lines.add(new Charts.Line(name + " measured", workers, points.stream().map(UslFit.Point::throughputPerSec).toList(),
                true, colour));
        largestWorkers = Math.max(largestWorkers, workers.stream().mapToDouble(Double::doubleValue).max().orElse(1));
        Optional<UslBootstrap> intervals = fit.isPresent() && UslBootstrap.possible(points)
                ? Optional.of(UslBootstrap.of(points)) : Optional.empty();
        List<Double> x = curveWorkers(workers);
        fit.ifPresent(law -> lines.add(curve(name, law, x, colour)));
        intervals.ifPresent(usl -> bands.add(band(name, usl, x, colour)));
        rows.add(row(name, points, fit, intervals, whyNotFitted));
        return this;
    }

    List<Charts.Line> lines() {
        return List.copyOf(lines);
    }

    List<Charts.Band> bands() {
        return List.copyOf(bands);
    }

    double largestWorkers() {
        return largestWorkers;
    }

    Table table() {
        return Table.of(List.of("series", "worker counts", "σ (contention)", "κ (coherency)", "λ (events/s, 1 worker)",
                "N* (peak workers)", "peak (events/s)", "Amdahl limit λ/σ (events/s)", "R²", "intervals"),
                List.copyOf(rows));
    }

    /** What the table's bracketed figures are, for a note under it. */
    static String intervalsNote() {
        return String.format(Locale.ROOT, "Bracketed: %.0f %% bootstrap percentile intervals, %,d resamples with seed "
                + "%d, of the repeats at each worker count when every count was measured twice or more, otherwise of "
                + "the fit's relative residuals; the shaded band is the same interval of X(N). An interval needs %d or "
                + "more points: a fit of three parameters through three points says nothing of the noise. ∞: some "
                + "resamples have no coherency cost (κ = 0), so no peak.", UslBootstrap.CONFIDENCE * 100,
                UslBootstrap.RESAMPLES, UslBootstrap.SEED, UslBootstrap.MINIMUM_POINTS);
    }

    private static List<Double> curveWorkers(List<Double> workers) {
        double last = workers.stream().mapToDouble(Double::doubleValue).max().orElse(1) * 1.25;
        List<Double> x = new ArrayList<>();
        for (int i = 0; i <= CURVE_STEPS; i++) {
            x.add(1 + (last - 1) * i / CURVE_STEPS);
        }
        return x;
    }

    private static Charts.Line curve(String name, UslFit law, List<Double> x, int colour) {
        List<Double> y = x.stream().map(law::predict).toList();
        String peak = law.peakWorkers().isPresent()
                ? String.format(Locale.ROOT, " N*=%.1f", law.peakWorkers().getAsDouble()) : " N*=none";
        return new Charts.Line(String.format(Locale.ROOT, "%s USL σ=%.3g κ=%.3g λ=%.0f%s", name, law.sigma(),
                law.kappa(), law.lambda(), peak), x, y, false, colour);
    }

    private static Charts.Band band(String name, UslBootstrap usl, List<Double> x, int colour) {
        List<Double> low = new ArrayList<>();
        List<Double> high = new ArrayList<>();
        for (double workers : x) {
            ConfidenceInterval interval = usl.throughputAt(workers);
            low.add(interval.low());
            high.add(interval.high());
        }
        return new Charts.Band(String.format(Locale.ROOT, "%s USL %s band", name, usl.sigma().levelLabel()), x, low,
                high, colour);
    }

    private static List<String> row(String name, List<UslFit.Point> points, Optional<UslFit> fit,
                                    Optional<UslBootstrap> intervals, String whyNotFitted) {
        long counts = points.stream().mapToDouble(UslFit.Point::concurrency).distinct().count();
        if (fit.isEmpty()) {
            return List.of(name, Long.toString(counts), "not fitted: " + whyNotFitted, "", "", "", "", "", "", "");
        }
        UslFit law = fit.get();
        Optional<UslBootstrap> usl = intervals;
        return List.of(name, Long.toString(counts),
                withInterval("%.4f", law.sigma(), usl.map(UslBootstrap::sigma)),
                withInterval("%.6f", law.kappa(), usl.map(UslBootstrap::kappa)),
                withInterval("%.1f", law.lambda(), usl.map(UslBootstrap::lambda)),
                withInterval(law.peakWorkers().isPresent()
                        ? String.format(Locale.ROOT, "%.1f", law.peakWorkers().getAsDouble()) : "none (κ = 0)",
                        "%.1f", usl.map(UslBootstrap::peakWorkers)),
                withInterval(law.peakThroughput().isPresent()
                        ? String.format(Locale.ROOT, "%.0f", law.peakThroughput().getAsDouble()) : "-",
                        "%.0f", usl.map(UslBootstrap::highestThroughput)),
                withInterval(Double.isInfinite(law.amdahlLimit()) ? "none (σ = 0)"
                        : String.format(Locale.ROOT, "%.0f", law.amdahlLimit()), "%.0f", usl.map(UslBootstrap::amdahlLimit)),
                Double.isNaN(law.rSquared()) ? "-" : String.format(Locale.ROOT, "%.4f", law.rSquared()),
                usl.map(u -> String.format(Locale.ROOT, "%s, %,d resamples of the %s", u.sigma().levelLabel(),
                        u.resamples(), u.method() == UslBootstrap.Method.REPEATS ? "repeats" : "residuals"))
                        .orElse("none: fewer than " + UslBootstrap.MINIMUM_POINTS + " points"));
    }

    private static String withInterval(String format, double value, Optional<ConfidenceInterval> interval) {
        return withInterval(String.format(Locale.ROOT, format, value), format, interval);
    }

    /** The point estimate, then its interval in brackets: a κ = 0 fit still shows how far off its peak may be. */
    private static String withInterval(String point, String format, Optional<ConfidenceInterval> interval) {
        return interval.map(i -> point + " (" + i.format(format) + ")").orElse(point);
    }
}
