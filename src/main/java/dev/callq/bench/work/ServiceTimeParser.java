package dev.callq.bench.work;

import dev.callq.bench.DurationText;

import java.util.Locale;
import java.util.regex.Pattern;

/** The spec grammar, kept out of the public interface. */
final class ServiceTimeParser {

    private static final String FORMS = "fixed:<t>, exp:<t>, lognormal:<t>,<sigma>, none";
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
        try {
            return DurationText.parseNanos(text);
        } catch (IllegalArgumentException e) {
            throw invalid(spec, "<t>: " + e.getMessage());
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
        return DurationText.format(nanos);
    }
}
