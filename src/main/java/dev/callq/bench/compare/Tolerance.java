package dev.callq.bench.compare;

import java.util.Locale;

/**
 * How much worse a cell may get before it is a regression, as fractions: p99 enqueue→dequeue may rise by
 * {@code p99Rise}, p50 enqueue→done by {@code p50DoneRise}, throughput may fall by {@code throughputDrop}.
 * Read as {@code p99=10%,p50-done=10%,throughput=5%}; a metric left out keeps its default.
 */
public record Tolerance(double p99Rise, double throughputDrop, double p50DoneRise) {
    public static final Tolerance DEFAULT = new Tolerance(0.10, 0.05, 0.10);

    /** The default, as the command line spells it. */
    public static final String DEFAULT_TEXT = "p99=10%,p50-done=10%,throughput=5%";

    public static Tolerance parse(String text) {
        double p99 = DEFAULT.p99Rise();
        double throughput = DEFAULT.throughputDrop();
        double p50Done = DEFAULT.p50DoneRise();
        for (String part : text.split(",")) {
            String[] pair = part.trim().split("=");
            if (pair.length != 2 || !pair[1].trim().endsWith("%")) {
                throw bad(text);
            }
            double fraction;
            try {
                fraction = Double.parseDouble(pair[1].trim().replace("%", "")) / 100;
            } catch (NumberFormatException e) {
                throw bad(text);
            }
            if (!(fraction >= 0)) {
                throw bad(text);
            }
            switch (pair[0].trim().toLowerCase(Locale.ROOT)) {
                case "p99" -> p99 = fraction;
                case "p50-done" -> p50Done = fraction;
                case "throughput" -> throughput = fraction;
                default -> throw bad(text);
            }
        }
        return new Tolerance(p99, throughput, p50Done);
    }

    private static IllegalArgumentException bad(String text) {
        return new IllegalArgumentException("--max-regression '" + text + "' is not like " + DEFAULT_TEXT);
    }
}
