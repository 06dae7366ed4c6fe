package dev.callq.bench.report;

import dev.callq.bench.report.JmhResults.Row;
import dev.callq.bench.report.JmhResults.Score;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A JMH run's report.html, from its {@code jmh.json} alone: every benchmark with the registered clients
 * side by side, each divided by the first, and which one is ahead (see {@link JmhClients}), and per unit
 * a bar chart of the benchmarks every compared client ran.
 */
public final class JmhHtml {
    private JmhHtml() {
    }

    /** Writes {@code dir}/report.html from {@code dir}/jmh.json; returns its path. */
    public static Path write(Path dir) {
        return render(JmhResults.read(dir)).writeTo(dir);
    }

    static HtmlPage render(List<Row> rows) {
        boolean noErrors = rows.stream().flatMap(r -> r.byClient().values().stream()).allMatch(s -> Double.isNaN(s.error()));
        List<String> columns = JmhResults.clients(rows);
        List<String> charted = new ArrayList<>(List.of(JmhClients.baseline()));
        charted.addAll(JmhClients.compared(columns));
        String title = "callq-bench JMH: " + String.join(" and ", charted.stream().map(JmhHtml::capitalized).toList());
        HtmlPage page = new HtmlPage(title, title,
                rows.size() + " results · thrpt: higher is better; avgt: lower is better");
        if (noErrors) {
            page.warnings(List.of("no error bars: one measurement iteration (--quick); the numbers are rough"));
        }
        page.heading("Side by side").table(table(rows));
        page.heading("Charts");
        Map<String, List<Row>> byUnit = new LinkedHashMap<>();
        if (charted.size() > 1) {
            rows.stream().filter(r -> r.byClient().keySet().containsAll(charted))
                    .forEach(r -> byUnit.computeIfAbsent(r.unit(), u -> new ArrayList<>()).add(r));
        }
        int chart = 0;
        for (Map.Entry<String, List<Row>> unit : byUnit.entrySet()) {
            List<String> labels = unit.getValue().stream().map(Row::label).toList();
            Map<String, List<Double>> series = new LinkedHashMap<>();
            for (String client : charted) {
                series.put(client, unit.getValue().stream().map(r -> r.byClient().get(client).score()).toList());
            }
            page.chart(Charts.bars("jmh-" + chart++, title.substring("callq-bench JMH: ".length()) + ", "
                    + unit.getKey(), unit.getKey(), labels, series), "nothing to draw");
        }
        if (byUnit.isEmpty()) {
            page.note("No benchmark ran with every client: nothing to put side by side.");
        }
        page.noteMarkup("Rebuilt from <code>jmh.json</code> (JMH's JSON result format) by <code>callq report</code>.");
        return page;
    }

    static Table table(List<Row> rows) {
        List<String> clients = JmhResults.clients(rows);
        List<String> compared = JmhClients.compared(clients);
        List<String> header = new ArrayList<>(List.of("benchmark", "mode"));
        header.addAll(clients);
        header.add("unit");
        compared.forEach(client -> header.add(JmhClients.ratioHeading(client)));
        header.add("ahead");
        List<List<String>> lines = new ArrayList<>();
        for (Row row : rows) {
            List<String> line = new ArrayList<>(List.of(row.label(), row.mode()));
            clients.forEach(client -> line.add(scoreWithError(row.byClient().get(client))));
            line.add(row.unit());
            Map<String, Double> scores = new LinkedHashMap<>();
            row.byClient().forEach((client, score) -> scores.put(client, score.score()));
            Score baseline = row.byClient().get(JmhClients.baseline());
            compared.forEach(client -> {
                Score score = row.byClient().get(client);
                line.add(JmhClients.ratio(scores.get(client), score == null ? Double.NaN : score.error(),
                        scores.get(JmhClients.baseline()), baseline == null ? Double.NaN : baseline.error()));
            });
            line.add(JmhClients.ahead(scores, row.higherIsBetter()));
            lines.add(line);
        }
        return Table.of(header, lines);
    }

    private static String capitalized(String name) {
        return name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    }

    private static String scoreWithError(Score score) {
        if (score == null) {
            return "-";
        }
        String value = JmhTable.number(score.score());
        return Double.isFinite(score.error()) ? value + " ± " + JmhTable.number(score.error()) : value;
    }
}
