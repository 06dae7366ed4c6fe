package dev.callq.bench.report;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The console table of a JMH run: one row per benchmark (and per secondary result, such as
 * {@code pipelinedRpush:events}) with its parameters other than {@code client}, one column per
 * client, so the registered clients sit side by side, each divided by the first (see
 * {@link JmhClients}). Benchmarks without a client parameter get a column of their own.
 */
public final class JmhTable {
    public static final String CLIENT_PARAM = "client";

    private JmhTable() {
    }

    public static String render(Collection<RunResult> results) {
        Map<String, Row> rows = new LinkedHashMap<>();
        List<String> clients = new ArrayList<>();
        for (RunResult result : results) {
            String client = result.getParams().getParam(CLIENT_PARAM);
            String column = client == null ? JmhClients.NO_CLIENT : client;
            clients.add(column);
            String label = label(result);
            rows.computeIfAbsent(label, Row::new).add(column, result.getPrimaryResult());
            for (Map.Entry<String, Result> secondary : new TreeMap<>(result.getSecondaryResults()).entrySet()) {
                rows.computeIfAbsent(label + " :" + secondary.getKey(), Row::new).add(column, secondary.getValue());
            }
        }
        List<String> columns = JmhClients.columns(clients);
        List<String> compared = JmhClients.compared(columns);

        List<String[]> lines = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("benchmark"));
        header.addAll(columns);
        header.add("unit");
        compared.forEach(client -> header.add(JmhClients.ratioHeading(client)));
        lines.add(header.toArray(String[]::new));
        for (Row row : rows.values()) {
            List<String> line = new ArrayList<>(List.of(row.label));
            for (String client : columns) {
                Result cell = row.byClient.get(client);
                line.add(cell == null ? "-" : scoreWithError(cell));
            }
            line.add(row.unit());
            for (String client : compared) {
                Result other = row.byClient.get(client);
                Result baseline = row.byClient.get(JmhClients.baseline());
                line.add(JmhClients.ratio(score(other), error(other), score(baseline), error(baseline)));
            }
            lines.add(line.toArray(String[]::new));
        }
        return ConsoleColumns.align(lines);
    }

    /** The method name and every parameter but the client: {@code pipelinedRpush batch=16}. */
    static String label(RunResult result) {
        String benchmark = result.getParams().getBenchmark();
        StringBuilder label = new StringBuilder(benchmark.substring(benchmark.lastIndexOf('.') + 1));
        for (String key : result.getParams().getParamsKeys()) {
            if (!key.equals(CLIENT_PARAM)) {
                label.append(' ').append(key).append('=').append(result.getParams().getParam(key));
            }
        }
        return label.toString();
    }

    /** JMH's error is the 99.9% confidence half-width; with a single measurement iteration it is NaN and left out. */
    static String scoreWithError(Result result) {
        double error = result.getScoreError();
        String score = number(result.getScore());
        return Double.isFinite(error) ? score + " ± " + number(error) : score;
    }

    private static double error(Result result) {
        return result == null ? Double.NaN : result.getScoreError();
    }

    private static Double score(Result result) {
        return result == null ? null : result.getScore();
    }

    /** Four significant digits at most, never scientific notation. */
    static String number(double value) {
        double magnitude = Math.abs(value);
        if (magnitude >= 1000) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        if (magnitude >= 100) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        if (magnitude >= 10) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private static final class Row {
        final String label;
        final Map<String, Result> byClient = new LinkedHashMap<>();

        Row(String label) {
            this.label = label;
        }

        void add(String client, Result result) {
            byClient.put(client, result);
        }

        String unit() {
            return byClient.values().iterator().next().getScoreUnit();
        }
    }
}
