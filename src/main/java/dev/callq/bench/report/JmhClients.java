package dev.callq.bench.report;

import dev.callq.bench.driver.QueueDrivers;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which clients a JMH report puts side by side, from the driver registry: the columns in registration
 * order, and each registered client's score over the first registered one's (for Jedis and Lettuce,
 * {@code lettuce/jedis}). The console table and the HTML report both read it.
 */
final class JmhClients {
    /** The column of benchmarks that take no client. */
    static final String NO_CLIENT = "(no client)";

    private JmhClients() {
    }

    /** Registered clients in registration order, then any others by name, then {@link #NO_CLIENT}. */
    static List<String> columns(Collection<String> seen) {
        List<String> columns = new ArrayList<>(seen.stream().distinct().toList());
        columns.sort(Comparator.comparing((String c) -> c.equals(NO_CLIENT))
                .thenComparing(c -> !QueueDrivers.NAMES.contains(c))
                .thenComparing(c -> QueueDrivers.NAMES.contains(c) ? QueueDrivers.NAMES.indexOf(c) : 0)
                .thenComparing(Comparator.naturalOrder()));
        return columns;
    }

    /** The client the others are divided by: the first registered one. */
    static String baseline() {
        return QueueDrivers.NAMES.get(0);
    }

    /** The registered clients, other than the baseline, that ran beside it: one ratio column each. */
    static List<String> compared(Collection<String> seen) {
        if (!seen.contains(baseline())) {
            return List.of();
        }
        return QueueDrivers.NAMES.stream().filter(c -> !c.equals(baseline()) && seen.contains(c)).toList();
    }

    /** The heading of a ratio column: {@code lettuce/jedis}. */
    static String ratioHeading(String client) {
        return client + "/" + baseline();
    }

    /** What a ratio column shows where the two 99.9 % confidence intervals overlap: no ratio. */
    static final String OVERLAP = "overlap";

    /**
     * The client's score over the baseline's, or {@link #OVERLAP} when their confidence intervals
     * (score ± JMH's 99.9 % error) overlap: the run cannot tell the two apart, so a ratio would only
     * look meaningful. Without error bars (one measurement iteration) the ratio is shown.
     */
    static String ratio(Double client, double clientError, Double baseline, double baselineError) {
        if (client != null && baseline != null && Double.isFinite(clientError) && Double.isFinite(baselineError)
                && Math.abs(client - baseline) <= clientError + baselineError) {
            return OVERLAP;
        }
        return ratio(client, baseline);
    }

    /** The client's score over the baseline's, two decimals; blank when either is missing or the baseline is 0. */
    static String ratio(Double client, Double baseline) {
        if (client == null || baseline == null || baseline == 0) {
            return "";
        }
        return String.format(Locale.ROOT, "%.2f", client / baseline);
    }

    /**
     * "jedis ×2.30": the best of the registered clients on one benchmark, by what factor over the next
     * best; "even" on a tie; blank unless at least two ran.
     */
    static String ahead(Map<String, Double> scores, boolean higherIsBetter) {
        List<Map.Entry<String, Double>> ranked = scores.entrySet().stream()
                .filter(e -> QueueDrivers.NAMES.contains(e.getKey()) && e.getValue() != null && e.getValue() != 0)
                .sorted(Map.Entry.comparingByValue(higherIsBetter ? Comparator.<Double>reverseOrder()
                        : Comparator.<Double>naturalOrder()))
                .toList();
        if (ranked.size() < 2) {
            return "";
        }
        double best = ranked.get(0).getValue();
        double next = ranked.get(1).getValue();
        if (best == next) {
            return "even";
        }
        double factor = higherIsBetter ? best / next : next / best;
        return String.format(Locale.ROOT, "%s ×%.2f", ranked.get(0).getKey(), factor);
    }
}
