package dev.callq.bench.plan;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A queue-wait objective such as {@code p99=20ms}: the p-quantile of the enqueue → dequeue wait
 * may be at most the target. Percentiles are written as users write them ({@code p99},
 * {@code p99.9}, {@code p50}); targets carry a unit, {@code us}, {@code ms} or {@code s}.
 *
 * @param label             the percentile as written, e.g. {@code p99.9}
 * @param percentile        the same as a fraction in (0, 1): 0.999
 * @param waitTargetMicros  the most the quantile may be, in microseconds
 */
public record Slo(String label, double percentile, double waitTargetMicros) {
    private static final Pattern FORM = Pattern.compile("p(\\d{1,2}(?:\\.\\d+)?)=(\\d+(?:\\.\\d+)?)(us|ms|s)");
    private static final String USAGE = "expected p<percentile>=<time><us|ms|s>, such as p99=20ms or p99.9=50ms";

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
        double percent = Double.parseDouble(matcher.group(1));
        if (!(percent > 0.0 && percent < 100.0)) {
            throw new IllegalArgumentException("--slo percentile must be between p0 and p100 exclusive, not p"
                    + matcher.group(1));
        }
        double target = Double.parseDouble(matcher.group(2)) * microsPerUnit(matcher.group(3));
        if (!(target > 0.0)) {
            throw new IllegalArgumentException("--slo wait target must be positive, not " + matcher.group(2)
                    + matcher.group(3));
        }
        return new Slo("p" + matcher.group(1), percent / 100.0, target);
    }

    private static double microsPerUnit(String unit) {
        return switch (unit) {
            case "us" -> 1.0;
            case "ms" -> 1_000.0;
            default -> 1_000_000.0;
        };
    }

    /** {@code p99=20ms} in canonical form. */
    @Override
    public String toString() {
        return label + "=" + formatMicros(waitTargetMicros);
    }

    static String formatMicros(double micros) {
        if (micros >= 1_000_000.0 && micros % 1_000_000.0 == 0.0) {
            return (long) (micros / 1_000_000.0) + "s";
        }
        if (micros >= 1_000.0 && micros % 1_000.0 == 0.0) {
            return (long) (micros / 1_000.0) + "ms";
        }
        return (micros == Math.rint(micros) ? String.valueOf((long) micros) : String.valueOf(micros)) + "us";
    }
}
