package dev.callq.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a duration is spelled on the command line and in files, everywhere one is taken (SLOs, thresholds,
 * service times, {@code --redis-rtt}, faults): a number with a unit {@code us} (or {@code µs}), {@code ms} or
 * {@code s} ({@code 500us}, {@code 0.5ms}, {@code 3s}), read to the nanosecond and written back in the largest
 * unit that holds it exactly.
 * <p>
 * A bare number is refused, with one exception: a {@code --fault}'s times and lengths, where it has always
 * meant seconds ({@code redis-pause:3@5}); {@link #parseNanosBareSeconds} reads those.
 */
public final class DurationText {
    public static final String FORM = "a number with a unit us, ms or s, such as 0.5ms";
    /** The unit is optional here so that {@link #parseNanosBareSeconds} shares the grammar. */
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(us|µs|μs|ms|s)?");

    private DurationText() {
    }

    /**
     * The duration in nanoseconds.
     *
     * @throws IllegalArgumentException when the text is not {@link #FORM} or does not fit in a long
     */
    public static long parseNanos(String text) {
        return parse(text, null);
    }

    /**
     * The duration in nanoseconds, where a bare number means seconds (a {@code --fault}'s times).
     *
     * @throws IllegalArgumentException when the text is neither {@link #FORM} nor a bare number
     */
    public static long parseNanosBareSeconds(String text) {
        return parse(text, "s");
    }

    /** The duration in microseconds, for the figures kept in microseconds (SLO and threshold limits). */
    public static double parseMicros(String text) {
        return parseNanos(text) / 1_000.0;
    }

    private static long parse(String text, String bareUnit) {
        Matcher matcher = DURATION.matcher(text == null ? "" : text.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches() || (matcher.group(2) == null && bareUnit == null)) {
            throw new IllegalArgumentException("'" + text + "' is not " + FORM);
        }
        BigDecimal amount = new BigDecimal(matcher.group(1));
        String unit = matcher.group(2) == null ? bareUnit : matcher.group(2);
        long nanosPerUnit = switch (unit) {
            case "us", "µs", "μs" -> 1_000L;
            case "ms" -> 1_000_000L;
            default -> 1_000_000_000L;
        };
        try {
            return amount.multiply(BigDecimal.valueOf(nanosPerUnit)).setScale(0, RoundingMode.HALF_UP).longValueExact();
        } catch (ArithmeticException tooLong) {
            throw new IllegalArgumentException("'" + text + "' is too long");
        }
    }

    /** The largest unit that holds the duration exactly: 3ms, 2100us, 0.5us. */
    public static String format(long nanos) {
        if (nanos != 0 && nanos % 1_000_000_000L == 0) {
            return nanos / 1_000_000_000L + "s";
        }
        if (nanos != 0 && nanos % 1_000_000L == 0) {
            return nanos / 1_000_000L + "ms";
        }
        return BigDecimal.valueOf(nanos, 3).stripTrailingZeros().toPlainString() + "us";
    }
}
