package dev.callq.bench.work;

import java.math.BigDecimal;
import java.util.random.RandomGenerator;

/**
 * How long a worker is busy with one event, as a distribution to sample from. The spec the user
 * writes always leads with the <em>mean</em>, so changing the shape never changes the offered load:
 *
 * <ul>
 *   <li>{@code none} or {@code 0}: no work, the worker only pops;</li>
 *   <li>{@code fixed:3ms}: always 3 ms (Cs² = 0);</li>
 *   <li>{@code exp:3ms}: exponential with mean 3 ms (Cs² = 1), the M/M/c assumption;</li>
 *   <li>{@code lognormal:3ms,1.5}: lognormal with mean 3 ms whose underlying normal has standard
 *       deviation σ = 1.5 (the shape), so μ = ln(3 ms) − σ²/2 and Cs² = e^(σ²) − 1. A heavy
 *       right tail, like real per-call work that sometimes hits a slow lookup.</li>
 * </ul>
 *
 * Units are {@code us}, {@code ms} and {@code s}; a duration always carries one. Samples come from
 * the caller's generator, so a seeded run repeats and each worker thread can own its generator.
 */
public sealed interface ServiceTime
        permits ServiceTime.None, ServiceTime.Fixed, ServiceTime.Exponential, ServiceTime.LogNormal {

    /** One duration, in nanoseconds, never negative. */
    long sampleNanos(RandomGenerator random);

    double meanMicros();

    /**
     * Cs² = variance / mean², the variability that {@code queueing.AllenCunneen} corrects for; 0 for
     * {@link None}, which has no variance.
     */
    double squaredCoefficientOfVariation();

    /** The canonical spec, which {@link #parse} reads back to an equal value. */
    String spec();

    /**
     * Reads a spec such as {@code exp:3ms}; surrounding blanks and letter case do not matter.
     *
     * @throws IllegalArgumentException with a one-line message listing the accepted forms
     */
    static ServiceTime parse(String spec) {
        return ServiceTimeParser.parse(spec);
    }

    record None() implements ServiceTime {
        @Override
        public long sampleNanos(RandomGenerator random) {
            return 0L;
        }

        @Override
        public double meanMicros() {
            return 0.0;
        }

        @Override
        public double squaredCoefficientOfVariation() {
            return 0.0;
        }

        @Override
        public String spec() {
            return "none";
        }
    }

    record Fixed(long nanos) implements ServiceTime {
        public Fixed {
            ServiceTimeParser.requireNonNegative(nanos);
        }

        @Override
        public long sampleNanos(RandomGenerator random) {
            return nanos;
        }

        @Override
        public double meanMicros() {
            return nanos / 1e3;
        }

        @Override
        public double squaredCoefficientOfVariation() {
            return 0.0;
        }

        @Override
        public String spec() {
            return "fixed:" + ServiceTimeParser.format(nanos);
        }
    }

    record Exponential(long meanNanos) implements ServiceTime {
        public Exponential {
            ServiceTimeParser.requireNonNegative(meanNanos);
        }

        @Override
        public long sampleNanos(RandomGenerator random) {
            return Math.round(meanNanos * random.nextExponential());
        }

        @Override
        public double meanMicros() {
            return meanNanos / 1e3;
        }

        @Override
        public double squaredCoefficientOfVariation() {
            return 1.0;
        }

        @Override
        public String spec() {
            return "exp:" + ServiceTimeParser.format(meanNanos);
        }
    }

    /**
     * @param meanNanos  the mean of the distribution itself, not e^μ (which is the median)
     * @param sigma      σ, the standard deviation of the underlying normal; the shape
     */
    record LogNormal(long meanNanos, double sigma) implements ServiceTime {
        public LogNormal {
            ServiceTimeParser.requireNonNegative(meanNanos);
            if (!(sigma >= 0.0) || Double.isInfinite(sigma)) {
                throw new IllegalArgumentException("lognormal sigma must be a finite number ≥ 0, got " + sigma);
            }
        }

        /** μ = ln(mean) − σ²/2, so that E[e^(μ + σZ)] = e^(μ + σ²/2) is the mean asked for. */
        public double mu() {
            return Math.log(meanNanos) - sigma * sigma / 2.0;
        }

        @Override
        public long sampleNanos(RandomGenerator random) {
            return Math.round(Math.exp(mu() + sigma * random.nextGaussian()));
        }

        @Override
        public double meanMicros() {
            return meanNanos / 1e3;
        }

        @Override
        public double squaredCoefficientOfVariation() {
            return Math.expm1(sigma * sigma);
        }

        @Override
        public String spec() {
            return "lognormal:" + ServiceTimeParser.format(meanNanos) + ","
                    + BigDecimal.valueOf(sigma).stripTrailingZeros().toPlainString();
        }
    }
}
