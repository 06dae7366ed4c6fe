package dev.callq.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callq.bench.HarnessException;
import dev.callq.bench.result.SummaryJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JMH's JSON result file read back as rows: one per benchmark and parameters other than the client
 * (and one per secondary metric), each with a score per client, as {@link JmhTable} lays out the console.
 */
final class JmhResults {
    static final String FILE_NAME = "jmh.json";

    /** One score: JMH's error is the 99.9% confidence half-width, NaN with a single measurement iteration. */
    record Score(double score, double error) {
    }

    /** @param mode JMH's mode: "thrpt" (higher is better), "avgt", "sample", "ss" (lower is better) */
    record Row(String label, String mode, String unit, Map<String, Score> byClient) {
        boolean higherIsBetter() {
            return "thrpt".equals(mode);
        }
    }

    private JmhResults() {
    }

    static List<Row> read(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new HarnessException("no " + FILE_NAME + " in " + dir);
        }
        JsonNode root;
        try {
            root = SummaryJson.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new HarnessException("cannot read " + file + ": " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        Map<String, Row> rows = new LinkedHashMap<>();
        for (JsonNode result : root) {
            String client = result.path("params").path(JmhTable.CLIENT_PARAM).asText(JmhClients.NO_CLIENT);
            String label = label(result);
            String mode = result.path("mode").asText();
            add(rows, label, mode, client, result.path("primaryMetric"));
            Iterator<Map.Entry<String, JsonNode>> secondary = result.path("secondaryMetrics").fields();
            while (secondary.hasNext()) {
                Map.Entry<String, JsonNode> metric = secondary.next();
                add(rows, label + " :" + metric.getKey(), mode, client, metric.getValue());
            }
        }
        return List.copyOf(rows.values());
    }

    /** The clients in the order of the columns (see {@link JmhClients#columns}). */
    static List<String> clients(List<Row> rows) {
        return JmhClients.columns(rows.stream().flatMap(row -> row.byClient().keySet().stream()).toList());
    }

    private static void add(Map<String, Row> rows, String label, String mode, String client, JsonNode metric) {
        rows.computeIfAbsent(label, l -> new Row(l, mode, metric.path("scoreUnit").asText(), new LinkedHashMap<>()))
                .byClient().put(client, new Score(metric.path("score").asDouble(),
                        metric.path("scoreError").isNumber() ? metric.path("scoreError").asDouble() : Double.NaN));
    }

    /** The method name and every parameter but the client: {@code pipelinedRpush batch=16}. */
    private static String label(JsonNode result) {
        String benchmark = result.path("benchmark").asText();
        StringBuilder label = new StringBuilder(benchmark.substring(benchmark.lastIndexOf('.') + 1));
        result.path("params").fields().forEachRemaining(param -> {
            if (!param.getKey().equals(JmhTable.CLIENT_PARAM)) {
                label.append(' ').append(param.getKey()).append('=').append(param.getValue().asText());
            }
        });
        return label.toString();
    }
}
