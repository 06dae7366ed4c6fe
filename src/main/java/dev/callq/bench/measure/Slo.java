package dev.callq.bench.measure;

import dev.callq.bench.DurationText;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A queue-wait objective such as {@code p99=20ms}: the p-quantile of the enqueue → dequeue wait
 * may be at most the target. Percentiles are written as users write them, with or without the dot
 * ({@code p99}, {@code p99.9} or {@code p999}, {@code p99.99} or {@code p9999}, {@code p50});
 * targets are durations as {@link DurationText} reads them. Every command that takes {@code --slo}
 * reads it here, so one spelling works everywhere.
 *
 * @param label             the percentile in one form, dotted and without trailing zeros: {@code p99.9}
 *                          for {@code p999} and {@code p99.90}
 * @param percentile        the same as a fraction in (0, 1): 0.999
 * @param waitTargetMicros  the most the quantile may be, in microseconds
 */
public record Slo(String label, double percentile, double waitTargetMicros) {
    /**
     * Two digits and an optional fraction ({@code p99.9}), or the dotless form of the tail
     * percentiles, where the digits after "99" are the fraction ({@code p999} = p99.9). Only "99…"
     * reads that way, so {@code p100} stays an error rather than becoming p10.0.
     */
    private static final Pattern FORM = Pattern.compile(
            "p(?:(\\d{1,2}(?:\\.\\d+)?)|99(\\d+))=(.+)");
    /** How to write an objective, for the help of every {@code --slo} option. */
    public static final String HELP = "e.g. p99=20ms, p99.9=50ms or p999=50ms (units us, ms, s)";
    private static final String USAGE = "expected p<percentile>=<time><us|ms|s>, such as p99=20ms, p99.9=50ms "
            + "or p999=50ms";

    /** Reads {@code p99=20ms}; blanks around it and letter case do not matter. */
    public static Slo parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("--slo is missing; " + USAGE);
        }
        String trimmed = text.strip().toLowerCase(Locale.ROOT);
        Matcher matcher = FORM.matcher(trimmed);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("--slo '" + text.strip() + "' is not understood; " + USAGE);
        }
        // Decimal arithmetic, so p999 and p99.9=0.05s give exactly the numbers p99.9=50ms gives.
        BigDecimal percent = new BigDecimal(matcher.group(1) != null ? matcher.group(1) : "99." + matcher.group(2))
                .stripTrailingZeros();
        String percentText = percent.toPlainString();
        if (percent.signum() <= 0 || percent.compareTo(BigDecimal.valueOf(100)) >= 0) {
            throw new IllegalArgumentException("--slo percentile must be between p0 and p100 exclusive, not p"
                    + percentText);
        }
        double target;
        try {
            target = DurationText.parseMicros(matcher.group(3));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--slo '" + text.strip() + "' is not understood; " + USAGE);
        }
        if (!(target > 0.0)) {
            throw new IllegalArgumentException("--slo wait target must be positive, not " + matcher.group(3));
        }
        return new Slo("p" + percentText, percent.movePointLeft(2).doubleValue(), target);
    }

    /** Whether a run's {@link LatencySummary} holds this percentile ({@link Percentile}). */
    public boolean inLatencySummary() {
        return Percentile.byLabel(label).isPresent();
    }

    /**
     * This percentile read from a run's summary, in microseconds; only for the percentiles
     * {@link #inLatencySummary()} accepts, which a caller checks when it reads the objective.
     */
    public long measuredMicros(LatencySummary summary) {
        return Percentile.byLabel(label)
                .orElseThrow(() -> new IllegalStateException("a run's summary holds no " + label))
                .micros(summary);
    }

    /** {@code p99=20ms} in canonical form. */
    @Override
    public String toString() {
        return label + "=" + formatMicros(waitTargetMicros);
    }

    static String formatMicros(double micros) {
        return DurationText.format(Math.round(micros * 1_000));
    }
}
