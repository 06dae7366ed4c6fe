package dev.callq.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a duration is spelled on the command line and in files: a number with a unit {@code us}, {@code ms}
 * or {@code s} ({@code 500us}, {@code 0.5ms}, {@code 3s}), read to the nanosecond and written back in the
 * largest unit that holds it exactly.
 */
public final class DurationText {
    public static final String FORM = "a number with a unit us, ms or s, such as 0.5ms";
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(us|ms|s)");

    private DurationText() {
    }

    /**
     * The duration in nanoseconds.
     *
     * @throws IllegalArgumentException when the text is not {@link #FORM} or does not fit in a long
     */
    public static long parseNanos(String text) {
        Matcher matcher = DURATION.matcher(text == null ? "" : text.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not " + FORM);
        }
        BigDecimal amount = new BigDecimal(matcher.group(1));
        long nanosPerUnit = switch (matcher.group(2)) {
            case "us" -> 1_000L;
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
