package dev.callq.bench.queueing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresProblem;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;

/**
 * Gunther's Universal Scalability Law fitted to measured throughput:
 *
 * <pre>
 *   X(N) = λN / (1 + σ(N−1) + κN(N−1))
 * </pre>
 *
 * λ is the throughput of one worker with no one to contend with, σ the contention (the serial
 * fraction, Amdahl's law), κ the coherency cost (pairwise exchanges between workers: here, every
 * blocked BLPOP connection that Redis must serve and wake). With κ &gt; 0 throughput peaks at
 * N* = √((1 − σ)/κ) and then falls: more workers make the pool slower.
 *
 * <p>The fit is unweighted least squares on X by Levenberg–Marquardt, with σ, κ, λ kept ≥ 0.
 *
 * @param sigma     σ, contention, ≥ 0
 * @param kappa     κ, coherency, ≥ 0
 * @param lambda    λ, throughput of one uncontended worker, in the unit of the input (events/s)
 * @param rSquared  coefficient of determination 1 − SS_res/SS_tot of the fitted points; NaN when all
 *                  throughputs are equal, as there is then no variation to explain
 */
public record UslFit(double sigma, double kappa, double lambda, double rSquared) {

    private static final int MAX_EVALUATIONS = 10_000;

    /** One measurement: {@code throughputPerSec} events/s with {@code concurrency} workers. */
    public record Point(double concurrency, double throughputPerSec) {
        public Point {
            if (!(concurrency >= 1.0) || Double.isInfinite(concurrency)) {
                throw new IllegalArgumentException("concurrency must be a finite number ≥ 1, got " + concurrency);
            }
            if (!(throughputPerSec >= 0.0) || Double.isInfinite(throughputPerSec)) {
                throw new IllegalArgumentException("throughput must be a finite number ≥ 0, got " + throughputPerSec);
            }
        }
    }

    /** X(N) under the fitted law. */
    public double predict(double concurrency) {
        return throughput(sigma, kappa, lambda, concurrency);
    }

    /**
     * N* = √((1 − σ)/κ), the concurrency of peak throughput, at least 1 (when σ ≥ 1 more workers
     * never help). Empty when κ = 0: throughput then rises for ever, towards λ/σ if σ &gt; 0.
     */
    public OptionalDouble peakWorkers() {
        if (kappa <= 0.0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Math.max(1.0, Math.sqrt(Math.max(0.0, 1.0 - sigma) / kappa)));
    }

    /** X(N*), the highest throughput the law allows; empty when there is no peak (κ = 0). */
    public OptionalDouble peakThroughput() {
        OptionalDouble peak = peakWorkers();
        return peak.isPresent() ? OptionalDouble.of(predict(peak.getAsDouble())) : OptionalDouble.empty();
    }

    /**
     * λ/σ, Amdahl's limit: the throughput the law approaches as N grows when coherency costs nothing
     * (κ = 0); with κ &gt; 0 the peak X(N*) lies below it. +∞ when σ = 0.
     */
    public double amdahlLimit() {
        return sigma > 0.0 ? lambda / sigma : Double.POSITIVE_INFINITY;
    }

    /** The most the law lets the pool carry at any N: X(N*) with a peak, otherwise Amdahl's limit λ/σ. */
    public double highestThroughput() {
        return peakThroughput().orElse(amdahlLimit());
    }

    /**
     * Fits the law to at least three distinct concurrencies (three parameters).
     *
     * <p>The start comes from the linearised law: with λ₀ = max X/N (X/N ≤ λ whenever σ, κ ≥ 0),
     * N·λ₀/X − 1 = σ(N−1) + κN(N−1) is linear in σ and κ, which a two-column least squares solves.
     * Starting there, the optimizer converges from few points and does not wander into the
     * negative σ or κ that the validator would have to undo.
     */
    public static UslFit fit(List<Point> points) {
        requireDistinctConcurrencies(points);
        int n = points.size();
        double[] concurrency = new double[n];
        double[] throughput = new double[n];
        for (int i = 0; i < n; i++) {
            concurrency[i] = points.get(i).concurrency();
            throughput[i] = points.get(i).throughputPerSec();
        }

        LeastSquaresProblem problem = new LeastSquaresBuilder()
                .start(startingValues(concurrency, throughput))
                .model(model(concurrency))
                .target(throughput)
                .parameterValidator(UslFit::clampNonNegative)
                .maxEvaluations(MAX_EVALUATIONS)
                .maxIterations(MAX_EVALUATIONS)
                .build();
        LeastSquaresOptimizer.Optimum optimum = new LevenbergMarquardtOptimizer().optimize(problem);
        RealVector fitted = clampNonNegative(optimum.getPoint());
        double sigma = fitted.getEntry(0);
        double kappa = fitted.getEntry(1);
        double lambda = fitted.getEntry(2);
        return new UslFit(sigma, kappa, lambda, rSquared(concurrency, throughput, sigma, kappa, lambda));
    }

    /** Reads (concurrency, throughput) points from a CSV file; see {@link #readCsv(Reader)}. */
    public static List<Point> readCsv(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return readCsv(reader);
        }
    }

    /**
     * Reads {@code concurrency,throughput} lines. Blank lines and lines starting with {@code #}
     * (provenance, the published fit) are skipped, as is a header line before the first point;
     * columns after the second are ignored.
     *
     * @throws IllegalArgumentException naming the line that is not a point
     */
    public static List<Point> readCsv(Reader source) throws IOException {
        BufferedReader reader = source instanceof BufferedReader b ? b : new BufferedReader(source);
        List<Point> points = new ArrayList<>();
        boolean headerAllowed = true;
        int lineNumber = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNumber++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] fields = trimmed.split(",");
            if (headerAllowed && !isNumber(fields[0])) {
                headerAllowed = false;
                continue;
            }
            headerAllowed = false;
            if (fields.length < 2 || !isNumber(fields[0]) || !isNumber(fields[1])) {
                throw new IllegalArgumentException(
                        "line " + lineNumber + ": expected <concurrency>,<throughput>, got '" + trimmed + "'");
            }
            points.add(new Point(Double.parseDouble(fields[0].strip()), Double.parseDouble(fields[1].strip())));
        }
        return List.copyOf(points);
    }

    /** The law itself, X(N) = λN / (1 + σ(N − 1) + κN(N − 1)), for any σ, κ and λ. */
    public static double throughput(double sigma, double kappa, double lambda, double concurrency) {
        return lambda * concurrency / (1.0 + sigma * (concurrency - 1.0) + kappa * concurrency * (concurrency - 1.0));
    }

    /** X(N) for every point and its analytic Jacobian in (σ, κ, λ). */
    private static MultivariateJacobianFunction model(double[] concurrency) {
        return parameters -> {
            double sigma = parameters.getEntry(0);
            double kappa = parameters.getEntry(1);
            double lambda = parameters.getEntry(2);
            int n = concurrency.length;
            double[] values = new double[n];
            double[][] jacobian = new double[n][3];
            for (int i = 0; i < n; i++) {
                double workers = concurrency[i];
                double denominator = 1.0 + sigma * (workers - 1.0) + kappa * workers * (workers - 1.0);
                double linear = lambda * workers / (denominator * denominator);
                values[i] = lambda * workers / denominator;
                jacobian[i][0] = -linear * (workers - 1.0);
                jacobian[i][1] = -linear * workers * (workers - 1.0);
                jacobian[i][2] = workers / denominator;
            }
            return new Pair<>(new ArrayRealVector(values, false), new Array2DRowRealMatrix(jacobian, false));
        };
    }

    private static double[] startingValues(double[] concurrency, double[] throughput) {
        double lambda = 0.0;
        for (int i = 0; i < concurrency.length; i++) {
            lambda = Math.max(lambda, throughput[i] / concurrency[i]);
        }
        // Normal equations of y = σ·u + κ·v, u = N−1, v = N(N−1), y = Nλ₀/X − 1.
        double uu = 0, uv = 0, vv = 0, uy = 0, vy = 0;
        for (int i = 0; i < concurrency.length; i++) {
            if (throughput[i] <= 0.0) {
                continue;
            }
            double u = concurrency[i] - 1.0;
            double v = concurrency[i] * u;
            double y = concurrency[i] * lambda / throughput[i] - 1.0;
            uu += u * u;
            uv += u * v;
            vv += v * v;
            uy += u * y;
            vy += v * y;
        }
        double determinant = uu * vv - uv * uv;
        double sigma = 0.0;
        double kappa = 0.0;
        if (Math.abs(determinant) > 1e-12 * Math.max(1.0, uu * vv)) {
            sigma = (uy * vv - vy * uv) / determinant;
            kappa = (vy * uu - uy * uv) / determinant;
        }
        return new double[] {Math.max(0.0, sigma), Math.max(0.0, kappa), lambda};
    }

    /** Negative σ or κ would mean workers that speed each other up: not a physical pool. */
    private static RealVector clampNonNegative(RealVector parameters) {
        RealVector clamped = parameters.copy();
        for (int i = 0; i < clamped.getDimension(); i++) {
            clamped.setEntry(i, Math.max(0.0, clamped.getEntry(i)));
        }
        return clamped;
    }

    private static double rSquared(double[] concurrency, double[] throughput,
                                   double sigma, double kappa, double lambda) {
        double mean = 0.0;
        for (double x : throughput) {
            mean += x;
        }
        mean /= throughput.length;
        double residual = 0.0;
        double total = 0.0;
        for (int i = 0; i < throughput.length; i++) {
            double error = throughput[i] - throughput(sigma, kappa, lambda, concurrency[i]);
            residual += error * error;
            total += (throughput[i] - mean) * (throughput[i] - mean);
        }
        return total == 0.0 ? Double.NaN : 1.0 - residual / total;
    }

    private static void requireDistinctConcurrencies(List<Point> points) {
        long distinct = points.stream().mapToDouble(Point::concurrency).distinct().count();
        if (distinct < 3) {
            throw new IllegalArgumentException(
                    "a USL fit needs points at 3 or more distinct concurrencies, got " + distinct);
        }
    }

    private static boolean isNumber(String field) {
        try {
            Double.parseDouble(field.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
