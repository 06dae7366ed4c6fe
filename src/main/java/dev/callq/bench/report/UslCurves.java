package dev.callq.bench.report;

import dev.callq.bench.queueing.UslFit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Measured throughput against workers with the Universal Scalability Law drawn through it, for the
 * sweep and plan reports: the points as markers, the fitted curve as a line of the same colour, and a
 * table of the fitted parameters.
 */
final class UslCurves {
    static final int MINIMUM_WORKER_COUNTS = 3;
    private static final int CURVE_STEPS = 60;

    private final List<Charts.Line> lines = new ArrayList<>();
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
        fit.ifPresent(law -> lines.add(curve(name, law, workers, colour)));
        rows.add(row(name, points, fit, whyNotFitted));
        return this;
    }

    List<Charts.Line> lines() {
        return List.copyOf(lines);
    }

    double largestWorkers() {
        return largestWorkers;
    }

    Table table() {
        return Table.of(List.of("series", "worker counts", "σ (contention)", "κ (coherency)", "λ (events/s, 1 worker)",
                "N* (peak workers)", "peak (events/s)", "R²"), List.copyOf(rows));
    }

    private static Charts.Line curve(String name, UslFit law, List<Double> workers, int colour) {
        double last = workers.stream().mapToDouble(Double::doubleValue).max().orElse(1) * 1.25;
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int i = 0; i <= CURVE_STEPS; i++) {
            double n = 1 + (last - 1) * i / CURVE_STEPS;
            x.add(n);
            y.add(law.predict(n));
        }
        String peak = law.peakWorkers().isPresent()
                ? String.format(Locale.ROOT, " N*=%.1f", law.peakWorkers().getAsDouble()) : " N*=none";
        return new Charts.Line(String.format(Locale.ROOT, "%s USL σ=%.3g κ=%.3g λ=%.0f%s", name, law.sigma(),
                law.kappa(), law.lambda(), peak), x, y, false, colour);
    }

    private static List<String> row(String name, List<UslFit.Point> points, Optional<UslFit> fit, String whyNotFitted) {
        long counts = points.stream().mapToDouble(UslFit.Point::concurrency).distinct().count();
        if (fit.isEmpty()) {
            return List.of(name, Long.toString(counts), "not fitted: " + whyNotFitted, "", "", "", "", "");
        }
        UslFit law = fit.get();
        return List.of(name, Long.toString(counts), String.format(Locale.ROOT, "%.4f", law.sigma()),
                String.format(Locale.ROOT, "%.6f", law.kappa()), String.format(Locale.ROOT, "%.1f", law.lambda()),
                law.peakWorkers().isPresent() ? String.format(Locale.ROOT, "%.1f", law.peakWorkers().getAsDouble())
                        : "none (κ = 0)",
                law.peakThroughput().isPresent() ? String.format(Locale.ROOT, "%.0f", law.peakThroughput().getAsDouble())
                        : "-",
                Double.isNaN(law.rSquared()) ? "-" : String.format(Locale.ROOT, "%.4f", law.rSquared()));
    }
}
