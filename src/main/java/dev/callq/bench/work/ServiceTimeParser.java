package dev.callq.bench.work;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The spec grammar, kept out of the public interface. */
final class ServiceTimeParser {

    private static final String FORMS = "fixed:<t>, exp:<t>, lognormal:<t>,<sigma>, none";
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(us|ms|s)");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");

    private ServiceTimeParser() {
    }

    static ServiceTime parse(String spec) {
        if (spec == null) {
            throw new IllegalArgumentException("service time is missing; use one of " + FORMS);
        }
        String text = spec.strip().toLowerCase(Locale.ROOT);
        if (text.equals("none") || text.equals("0")) {
            return new ServiceTime.None();
        }
        int colon = text.indexOf(':');
        String kind = colon < 0 ? text : text.substring(0, colon);
        String arguments = colon < 0 ? "" : text.substring(colon + 1);
        return switch (kind) {
            case "fixed" -> new ServiceTime.Fixed(durationNanos(arguments, spec));
            case "exp" -> new ServiceTime.Exponential(durationNanos(arguments, spec));
            case "lognormal" -> logNormal(arguments, spec);
            default -> throw invalid(spec, null);
        };
    }

    private static ServiceTime logNormal(String arguments, String spec) {
        int comma = arguments.indexOf(',');
        if (comma < 0 || !NUMBER.matcher(arguments.substring(comma + 1)).matches()) {
            throw invalid(spec, "<sigma> is the shape, a number such as 1.5");
        }
        return new ServiceTime.LogNormal(durationNanos(arguments.substring(0, comma), spec),
                Double.parseDouble(arguments.substring(comma + 1)));
    }

    private static long durationNanos(String text, String spec) {
        Matcher matcher = DURATION.matcher(text);
        if (!matcher.matches()) {
            throw invalid(spec, "<t> is a number with a unit us, ms or s, such as 3ms");
        }
        BigDecimal amount = new BigDecimal(matcher.group(1));
        long nanosPerUnit = switch (matcher.group(2)) {
            case "us" -> 1_000L;
            case "ms" -> 1_000_000L;
            default -> 1_000_000_000L;
        };
        try {
            return amount.multiply(BigDecimal.valueOf(nanosPerUnit)).setScale(0, RoundingMode.HALF_UP)
                    .longValueExact();
        } catch (ArithmeticException tooLong) {
            throw invalid(spec, "<t> is too long");
        }
    }

    private static IllegalArgumentException invalid(String spec, String hint) {
        String message = "service time '" + spec + "' is not one of " + FORMS;
        return new IllegalArgumentException(hint == null ? message : message + " (" + hint + ")");
    }

    static void requireNonNegative(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("service time must not be negative, got " + nanos + " ns");
        }
    }

    /** The largest unit that holds the duration exactly: 3ms, 2100us, 0.5us. */
    static String format(long nanos) {
        if (nanos != 0 && nanos % 1_000_000_000L == 0) {
            return nanos / 1_000_000_000L + "s";
        }
        if (nanos != 0 && nanos % 1_000_000L == 0) {
            return nanos / 1_000_000L + "ms";
        }
        return BigDecimal.valueOf(nanos, 3).stripTrailingZeros().toPlainString() + "us";
    }
}
