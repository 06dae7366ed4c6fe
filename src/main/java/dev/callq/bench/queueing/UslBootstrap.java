package dev.callq.bench.queueing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * How sure a {@link UslFit} is: percentile bootstrap intervals for σ, κ, λ, the peak concurrency N*,
 * the highest throughput and Amdahl's limit λ/σ, and a band around the fitted curve.
 *
 * <p>Method. When every concurrency was measured at least twice, each replicate draws, at every
 * concurrency, as many measurements as there were from that concurrency's own repeats, with
 * replacement: the repeats are the noise. Otherwise each replicate keeps the concurrencies and puts a
 * relative residual of the fit, drawn with replacement, on the fitted throughput at each,
 * X* = X̂(N)·(1 + r*). Relative, because a throughput's noise grows with the throughput; the residuals
 * are scaled by √(n/(n − 3)) because a three-parameter fit leaves residuals smaller than the noise.
 * Each replicate is fitted again; a replicate whose fit fails is counted and left out.
 *
 * <p>The seed is fixed, so the same points always give the same intervals: a report rebuilt from a
 * results folder shows what the command printed.
 */
public final class UslBootstrap {
    public static final int RESAMPLES = 1_000;
    public static final double CONFIDENCE = 0.90;
    public static final long SEED = 42L;
    /** Residuals need a point more than the law has parameters, or the fit is exact and says nothing of noise. */
    public static final int MINIMUM_POINTS = 4;

    /** How the replicates were drawn. */
    public enum Method { REPEATS, RESIDUALS }

    private final UslFit fit;
    private final Method method;
    private final double confidence;
    private final int resamples;
    private final List<UslFit> replicates;

    private UslBootstrap(UslFit fit, Method method, double confidence, int resamples, List<UslFit> replicates) {
        this.fit = fit;
        this.method = method;
        this.confidence = confidence;
        this.resamples = resamples;
        this.replicates = List.copyOf(replicates);
    }

    /** Whether {@code points} allow intervals: at least {@value #MINIMUM_POINTS} points at 3 or more concurrencies. */
    public static boolean possible(List<UslFit.Point> points) {
        return points.size() >= MINIMUM_POINTS
                && points.stream().mapToDouble(UslFit.Point::concurrency).distinct().count() >= 3;
    }

    /** {@value #RESAMPLES} resamples, 90 % intervals, the fixed seed. */
    public static UslBootstrap of(List<UslFit.Point> points) {
        return of(points, RESAMPLES, CONFIDENCE, SEED);
    }

    public static UslBootstrap of(List<UslFit.Point> points, int resamples, double confidence, long seed) {
        if (!possible(points)) {
            throw new IllegalArgumentException("USL intervals need " + MINIMUM_POINTS
                    + " or more points at 3 or more concurrencies, got " + points.size());
        }
        if (resamples < 1) {
            throw new IllegalArgumentException("resamples must be at least 1, got " + resamples);
        }
        UslFit fit = UslFit.fit(points);
        Map<Double, List<UslFit.Point>> byConcurrency = new LinkedHashMap<>();
        points.forEach(p -> byConcurrency.computeIfAbsent(p.concurrency(), n -> new ArrayList<>()).add(p));
        Method method = byConcurrency.values().stream().allMatch(repeats -> repeats.size() >= 2)
                ? Method.REPEATS : Method.RESIDUALS;
        double[] residuals = relativeResiduals(points, fit);
        SplittableRandom random = new SplittableRandom(seed);
        List<UslFit> replicates = new ArrayList<>(resamples);
        for (int i = 0; i < resamples; i++) {
            List<UslFit.Point> drawn = method == Method.REPEATS
                    ? fromRepeats(byConcurrency, random) : fromResiduals(points, fit, residuals, random);
            try {
                replicates.add(UslFit.fit(drawn));
            } catch (RuntimeException e) {
                // commons-math gives up on a pathological draw (all throughputs equal, say): left out, counted
            }
        }
        if (replicates.isEmpty()) {
            throw new IllegalArgumentException("no bootstrap replicate of the USL fit converged");
        }
        return new UslBootstrap(fit, method, confidence, resamples, replicates);
    }

    public UslFit fit() {
        return fit;
    }

    public Method method() {
        return method;
    }

    public double confidence() {
        return confidence;
    }

    public int resamples() {
        return resamples;
    }

    /** Replicates whose fit failed and were left out of every interval. */
    public int failedResamples() {
        return resamples - replicates.size();
    }

    public ConfidenceInterval sigma() {
        return interval(UslFit::sigma);
    }

    public ConfidenceInterval kappa() {
        return interval(UslFit::kappa);
    }

    public ConfidenceInterval lambda() {
        return interval(UslFit::lambda);
    }

    /** N*; a replicate with κ = 0 has no peak and counts as +∞. */
    public ConfidenceInterval peakWorkers() {
        return interval(law -> law.peakWorkers().orElse(Double.POSITIVE_INFINITY));
    }

    /** {@link UslFit#highestThroughput()}: X(N*), or λ/σ in a replicate without a peak. */
    public ConfidenceInterval highestThroughput() {
        return interval(UslFit::highestThroughput);
    }

    public ConfidenceInterval amdahlLimit() {
        return interval(UslFit::amdahlLimit);
    }

    /** The band of X(N) at {@code concurrency}: where the curve lies with the interval's confidence. */
    public ConfidenceInterval throughputAt(double concurrency) {
        return interval(law -> law.predict(concurrency));
    }

    private ConfidenceInterval interval(ToDoubleFunction<UslFit> figure) {
        return ConfidenceInterval.ofReplicates(replicates.stream().mapToDouble(figure).toArray(), confidence);
    }

    private static List<UslFit.Point> fromRepeats(Map<Double, List<UslFit.Point>> byConcurrency,
                                                  SplittableRandom random) {
        List<UslFit.Point> drawn = new ArrayList<>();
        for (List<UslFit.Point> repeats : byConcurrency.values()) {
            for (int i = 0; i < repeats.size(); i++) {
                drawn.add(repeats.get(random.nextInt(repeats.size())));
            }
        }
        return drawn;
    }

    private static List<UslFit.Point> fromResiduals(List<UslFit.Point> points, UslFit fit, double[] residuals,
                                                    SplittableRandom random) {
        List<UslFit.Point> drawn = new ArrayList<>(points.size());
        for (UslFit.Point point : points) {
            double residual = residuals[random.nextInt(residuals.length)];
            double throughput = Math.max(0.0, fit.predict(point.concurrency()) * (1.0 + residual));
            drawn.add(new UslFit.Point(point.concurrency(), throughput));
        }
        return drawn;
    }

    private static double[] relativeResiduals(List<UslFit.Point> points, UslFit fit) {
        int n = points.size();
        double scale = Math.sqrt((double) n / (n - 3));
        double[] residuals = new double[n];
        for (int i = 0; i < n; i++) {
            double predicted = fit.predict(points.get(i).concurrency());
            residuals[i] = predicted > 0.0 ? scale * (points.get(i).throughputPerSec() / predicted - 1.0) : 0.0;
        }
        return residuals;
    }
}
