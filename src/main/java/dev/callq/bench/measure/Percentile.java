package dev.callq.bench.measure;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * The percentiles a run's {@link LatencySummary} holds, and the one mapping from how users write them
 * ({@code p99.9}, or its dotless form {@code p999}) to the field that holds them. SLOs, thresholds and
 * reports read a percentile through here.
 */
public enum Percentile {
    P50("p50", 0.50, LatencySummary::p50),
    P90("p90", 0.90, LatencySummary::p90),
    P99("p99", 0.99, LatencySummary::p99),
    P99_9("p99.9", 0.999, LatencySummary::p999),
    P99_99("p99.99", 0.9999, LatencySummary::p9999);

    private final String label;
    private final double fraction;
    private final ToLongFunction<LatencySummary> field;

    Percentile(String label, double fraction, ToLongFunction<LatencySummary> field) {
        this.label = label;
        this.fraction = fraction;
        this.field = field;
    }

    /** {@code p99.9}: the dotted form, as reports print it. */
    public String label() {
        return label;
    }

    /** The percentile as a fraction in (0, 1): 0.999 for p99.9. */
    public double fraction() {
        return fraction;
    }

    /** This percentile of {@code summary}, in microseconds. */
    public long micros(LatencySummary summary) {
        return field.applyAsLong(summary);
    }

    /** The percentile a label names, dotted or not ({@code p99.9}, {@code p999}); empty for one a summary lacks. */
    public static Optional<Percentile> byLabel(String label) {
        return Arrays.stream(values())
                .filter(p -> p.label.equalsIgnoreCase(label) || p.label.replace(".", "").equalsIgnoreCase(label))
                .findFirst();
    }

    /** Every label a summary holds, for help texts: {@code p50, p90, p99, p99.9, p99.99}. */
    public static String labels() {
        return String.join(", ", Arrays.stream(values()).map(Percentile::label).toList());
    }
}
