package dev.callq.bench.load;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The offered rate over time: constant, a staircase of steps, or a linear ramp. Read as
 * {@code 20000}, {@code steps:1000,2000,4000@10s} (each step lasts 10 s, the last one to the end),
 * or {@code ramp:1000-5000} (from the first rate to the second over the whole measured phase).
 */
public interface RateProfile {
    /** Events per second at {@code elapsedSeconds} into a phase of {@code durationSeconds}. */
    double ratePerSecAt(double elapsedSeconds, double durationSeconds);

    String describe();

    /** The mean rate over a phase: the target the achieved rate is held to. */
    default double meanRatePerSec(double durationSeconds) {
        int slices = 10_000;
        double sum = 0;
        for (int i = 0; i < slices; i++) {
            sum += ratePerSecAt((i + 0.5) * durationSeconds / slices, durationSeconds);
        }
        return sum / slices;
    }

    static RateProfile parse(String spec) {
        String text = spec.trim().toLowerCase(Locale.ROOT);
        try {
            if (text.startsWith("steps:")) {
                String[] parts = text.substring("steps:".length()).split("@");
                List<Double> rates = Arrays.stream(parts[0].split(",")).map(Double::parseDouble).toList();
                return new Steps(rates, Double.parseDouble(parts[1].replace("s", "")));
            }
            if (text.startsWith("ramp:")) {
                String[] parts = text.substring("ramp:".length()).split("-");
                return new Ramp(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]));
            }
            return new Constant(Double.parseDouble(text));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("rate '" + spec + "' is not one of <events/s> (> 0), "
                    + "steps:<r1>,<r2>,…@<seconds>s, ramp:<from>-<to>");
        }
    }

    record Constant(double ratePerSec) implements RateProfile {
        public Constant {
            requirePositive(ratePerSec);
        }

        public double ratePerSecAt(double elapsedSeconds, double durationSeconds) {
            return ratePerSec;
        }

        public String describe() {
            return String.format(Locale.ROOT, "%.0f/s", ratePerSec);
        }
    }

    record Steps(List<Double> ratesPerSec, double stepSeconds) implements RateProfile {
        public Steps {
            ratesPerSec.forEach(RateProfile::requirePositive);
            requirePositive(stepSeconds);
        }

        public double ratePerSecAt(double elapsedSeconds, double durationSeconds) {
            int step = (int) Math.min(ratesPerSec.size() - 1, Math.floor(elapsedSeconds / stepSeconds));
            return ratesPerSec.get(step);
        }

        public String describe() {
            return "steps " + ratesPerSec + "/s every " + stepSeconds + " s";
        }
    }

    record Ramp(double fromPerSec, double toPerSec) implements RateProfile {
        public Ramp {
            requirePositive(fromPerSec);
            requirePositive(toPerSec);
        }

        public double ratePerSecAt(double elapsedSeconds, double durationSeconds) {
            double fraction = Math.min(1, Math.max(0, elapsedSeconds / durationSeconds));
            return fromPerSec + (toPerSec - fromPerSec) * fraction;
        }

        public String describe() {
            return String.format(Locale.ROOT, "ramp %.0f→%.0f/s", fromPerSec, toPerSec);
        }
    }

    private static void requirePositive(double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("must be positive: " + value);
        }
    }
}
