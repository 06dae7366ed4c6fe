package dev.callq.bench.result;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.callq.bench.DurationText;
import dev.callq.bench.measure.LatencySummary;
import dev.callq.bench.measure.Percentile;
import dev.callq.bench.measure.Metric;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Absolute pass/fail limits on one run's numbers, written k6 style: {@code p99<20ms,lost==0,throughput>=1400}.
 * They need no baseline, so they mean the same on any runner. Each is judged per client on what
 * {@code summary.json} holds; see {@link #METRICS} for the names. Latencies are enqueue→dequeue and
 * need a unit (us, ms, s); the other metrics are plain numbers.
 */
// sweep.json has always held the derived "empty" beside "all": written still, ignored when read back.
@JsonIgnoreProperties(value = "empty", allowGetters = true)
public record Thresholds(List<Threshold> all) {
    public static final Thresholds NONE = new Thresholds(List.of());

    /**
     * The metrics a threshold may name, as {@code name: what it reads}. A constant, for help texts; it opens
     * with {@link Percentile#labels()}, as a test checks.
     */
    public static final String METRICS = "p50, p90, p99, p99.9, p99.99, max (enqueue→dequeue), throughput (events/s), "
            + "lost, duplicates, left (in the queue), backlog (max), pollErrors, sustained (1 when the load was "
            + "sustained, 0 when not; alone, 'sustained' means sustained==1)";

    private static final String SUSTAINED = "sustained";
    private static final Pattern ONE = Pattern.compile("\\s*([A-Za-z][A-Za-z0-9.]*)\\s*(<=|>=|==|!=|<|>)\\s*([0-9.]+)\\s*([^0-9.\\s]+)?\\s*");

    public Thresholds {
        all = List.copyOf(all);
    }

    /** One limit: {@code metric operator limit}, the limit in the metric's unit (µs for latencies). */
    public record Threshold(String metric, String operator, double limit, String text) {
        boolean holds(double value) {
            if (Double.isNaN(value)) {
                return false;
            }
            return switch (operator) {
                case "<" -> value < limit;
                case "<=" -> value <= limit;
                case ">" -> value > limit;
                case ">=" -> value >= limit;
                case "==" -> value == limit;
                default -> value != limit;
            };
        }
    }

    /** One threshold judged on one client: the value read, and whether it held. */
    public record Check(String client, Threshold threshold, double value, boolean passed) {
        /** {@code ✓ jedis p99 1.08 ms (p99<20ms)}. */
        public String line() {
            boolean latency = latency(threshold.metric());
            String shown = latency ? String.format(Locale.ROOT, "%.2f ms", value / 1000)
                    : String.format(Locale.ROOT, value == Math.rint(value) ? "%.0f" : "%.1f", value);
            return (passed ? "✓ " : "✗ ") + client + " " + threshold.metric() + " " + shown + " (" + threshold.text() + ")";
        }
    }

    /** Parses a comma-separated list; an empty or blank text is no threshold. */
    public static Thresholds parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        return parse(Arrays.asList(text.split(",")));
    }

    /** Parses one threshold an entry, as a {@code thresholds:} list in a sweep or suite file holds them. */
    public static Thresholds parse(List<String> entries) {
        List<Threshold> parsed = new ArrayList<>();
        for (String entry : entries) {
            if (entry.strip().equalsIgnoreCase(SUSTAINED)) {
                parsed.add(new Threshold(SUSTAINED, "==", 1, entry.strip()));
                continue;
            }
            Matcher m = ONE.matcher(entry);
            if (!m.matches()) {
                throw new IllegalArgumentException("threshold '" + entry.trim() + "' is not like p99<20ms, lost==0 or "
                        + "throughput>=1400");
            }
            String metric = m.group(1).toLowerCase(Locale.ROOT);
            reader(metric, entry);
            double limit = limit(metric, m.group(3), m.group(4), entry);
            parsed.add(new Threshold(metric, m.group(2), limit, entry.trim()));
        }
        return new Thresholds(parsed);
    }

    /** These thresholds and then {@code more}'s. */
    public Thresholds and(Thresholds more) {
        List<Threshold> both = new ArrayList<>(all);
        both.addAll(more.all);
        return new Thresholds(both);
    }

    public boolean isEmpty() {
        return all.isEmpty();
    }

    /** Every threshold on every client of the run, client by client. */
    public List<Check> judge(RunSummary summary) {
        List<Check> checks = new ArrayList<>();
        for (ClientResult client : summary.clients()) {
            for (Threshold threshold : all) {
                double value = reader(threshold.metric(), threshold.text()).applyAsDouble(client);
                checks.add(new Check(client.client(), threshold, value, threshold.holds(value)));
            }
        }
        return checks;
    }

    /** The limit in the metric's unit: a latency is a duration ({@link DurationText}), read in µs; the rest are bare. */
    private static double limit(String metric, String number, String unit, String entry) {
        if (latency(metric)) {
            if (unit == null) {
                throw new IllegalArgumentException("threshold '" + entry.trim() + "': a latency needs a unit (us, ms or s)");
            }
            try {
                return DurationText.parseMicros(number + unit);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("threshold '" + entry.trim() + "': " + e.getMessage());
            }
        }
        if (unit != null) {
            throw new IllegalArgumentException("threshold '" + entry.trim() + "': " + metric + " takes no unit");
        }
        try {
            return Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("threshold '" + entry.trim() + "': '" + number + "' is not a number");
        }
    }

    private static boolean latency(String metric) {
        return metric.equals("max") || Percentile.byLabel(metric).isPresent();
    }

    private static ToDoubleFunction<ClientResult> reader(String metric, String entry) {
        Percentile percentile = Percentile.byLabel(metric).orElse(null);
        if (percentile != null) {
            return c -> recorded(percentile.micros(latency(c)));
        }
        return switch (metric) {
            case "max" -> c -> recorded(latency(c).max());
            case "throughput" -> ClientResult::throughputPerSec;
            case "lost" -> c -> c.events().lost();
            case "duplicates" -> c -> c.events().duplicates();
            case "left" -> c -> c.events().leftInQueue();
            case "backlog" -> ClientResult::maxBacklog;
            case "pollerrors" -> ClientResult::pollErrors;
            // Not judged (faults) or not recorded (older results) is no evidence of a sustained load: it fails.
            case SUSTAINED -> c -> c.sustained() == null || SustainedLoad.NOT_JUDGED.equals(c.sustained().verdict())
                    ? Double.NaN : c.sustained().sustained() ? 1 : 0;
            default -> throw new IllegalArgumentException("threshold '" + entry.trim() + "': no metric '" + metric
                    + "'; one of " + METRICS);
        };
    }

    private static double recorded(long micros) {
        return micros < 0 ? Double.NaN : micros;
    }

    private static LatencySummary latency(ClientResult client) {
        LatencySummary summary = client.latencyMicros().get(Metric.ENQUEUE_TO_DEQUEUE.tag());
        return summary != null && summary.count() > 0 ? summary : NO_LATENCIES;
    }

    /** No latency was recorded: every latency threshold fails rather than pass on a p99 of 0. */
    private static final LatencySummary NO_LATENCIES = new LatencySummary(0, -1, -1, -1, -1, -1, -1, Double.NaN, 0);
}
