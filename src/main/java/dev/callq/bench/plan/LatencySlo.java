package dev.callq.bench.plan;

import dev.callq.bench.measure.LatencySummary;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A latency objective on enqueue → dequeue, written {@code p99=20ms}: the percentile (p50, p90, p99,
 * p999 or p9999) and its bound ({@code us}, {@code ms} or {@code s}).
 */
public record LatencySlo(String percentile, long boundMicros) {
    private static final Pattern FORM = Pattern.compile("(p50|p90|p99|p999|p9999)=(\\d+(?:\\.\\d+)?)(us|ms|s)");

    public static LatencySlo parse(String text) {
        Matcher matcher = FORM.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("--slo must look like p99=20ms (p50, p90, p99, p999 or p9999; us, ms "
                    + "or s), not '" + text + "'");
        }
        double value = Double.parseDouble(matcher.group(2));
        double micros = switch (matcher.group(3)) {
            case "us" -> value;
            case "ms" -> value * 1_000;
            default -> value * 1_000_000;
        };
        if (micros < 1) {
            throw new IllegalArgumentException("--slo bound must be at least 1 us, not '" + text + "'");
        }
        return new LatencySlo(matcher.group(1), Math.round(micros));
    }

    /** The measured value of this SLO's percentile, in microseconds. */
    public long measuredMicros(LatencySummary summary) {
        return switch (percentile) {
            case "p50" -> summary.p50();
            case "p90" -> summary.p90();
            case "p99" -> summary.p99();
            case "p999" -> summary.p999();
            default -> summary.p9999();
        };
    }

    @Override
    public String toString() {
        return percentile + "=" + boundMicros + "us";
    }
}
