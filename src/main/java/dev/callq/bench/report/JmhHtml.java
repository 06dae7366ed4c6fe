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
 * A JMH run's report.html, from its {@code jmh.json} alone: every benchmark with Jedis and Lettuce side by
 * side and which one is ahead, and per unit a bar chart of the benchmarks both clients ran.
 */
public final class JmhHtml {
    private static final String JEDIS = "jedis";
    private static final String LETTUCE = "lettuce";

    private JmhHtml() {
    }

    /** Writes {@code dir}/report.html from {@code dir}/jmh.json; returns its path. */
    public static Path write(Path dir) {
        return render(JmhResults.read(dir)).writeTo(dir);
    }

    static HtmlPage render(List<Row> rows) {
        boolean noErrors = rows.stream().flatMap(r -> r.byClient().values().stream()).allMatch(s -> Double.isNaN(s.error()));
        HtmlPage page = new HtmlPage("callq-bench JMH: Jedis and Lettuce", "callq-bench JMH: Jedis and Lettuce",
                rows.size() + " results · thrpt: higher is better; avgt: lower is better");
        if (noErrors) {
            page.warnings(List.of("no error bars: one measurement iteration (--quick); the numbers are rough"));
        }
        page.heading("Side by side").table(table(rows));
        page.heading("Charts");
        Map<String, List<Row>> byUnit = new LinkedHashMap<>();
        rows.stream().filter(r -> r.byClient().containsKey(JEDIS) && r.byClient().containsKey(LETTUCE))
                .forEach(r -> byUnit.computeIfAbsent(r.unit(), u -> new ArrayList<>()).add(r));
        int chart = 0;
        for (Map.Entry<String, List<Row>> unit : byUnit.entrySet()) {
            List<String> labels = unit.getValue().stream().map(Row::label).toList();
            Map<String, List<Double>> series = new LinkedHashMap<>();
            for (String client : List.of(JEDIS, LETTUCE)) {
                series.put(client, unit.getValue().stream().map(r -> r.byClient().get(client).score()).toList());
            }
            page.chart(Charts.bars("jmh-" + chart++, "Jedis and Lettuce, " + unit.getKey(), unit.getKey(), labels, series),
                    "nothing to draw");
        }
        if (byUnit.isEmpty()) {
            page.note("No benchmark ran with both clients: nothing to put side by side.");
        }
        page.noteMarkup("Rebuilt from <code>jmh.json</code> (JMH's JSON result format) by <code>callq report</code>.");
        return page;
    }

    static Table table(List<Row> rows) {
        List<String> clients = JmhResults.clients(rows);
        List<String> header = new ArrayList<>(List.of("benchmark", "mode"));
        header.addAll(clients);
        header.addAll(List.of("unit", "lettuce/jedis", "ahead"));
        List<List<String>> lines = new ArrayList<>();
        for (Row row : rows) {
            List<String> line = new ArrayList<>(List.of(row.label(), row.mode()));
            clients.forEach(client -> line.add(scoreWithError(row.byClient().get(client))));
            line.add(row.unit());
            Score jedis = row.byClient().get(JEDIS);
            Score lettuce = row.byClient().get(LETTUCE);
            boolean both = jedis != null && lettuce != null && jedis.score() != 0;
            double ratio = both ? lettuce.score() / jedis.score() : Double.NaN;
            line.add(both ? String.format(Locale.ROOT, "%.2f", ratio) : "");
            line.add(both ? ahead(row, ratio) : "");
            lines.add(line);
        }
        return Table.of(header, lines);
    }

    /** "jedis ×2.3": which client is better on this benchmark, and by what factor. */
    private static String ahead(Row row, double lettuceOverJedis) {
        if (lettuceOverJedis == 1.0) {
            return "even";
        }
        boolean lettuceAhead = row.higherIsBetter() == lettuceOverJedis > 1.0;
        double factor = lettuceOverJedis > 1.0 ? lettuceOverJedis : 1.0 / lettuceOverJedis;
        return String.format(Locale.ROOT, "%s ×%.2f", lettuceAhead ? LETTUCE : JEDIS, factor);
    }

    private static String scoreWithError(Score score) {
        if (score == null) {
            return "-";
        }
        String value = JmhTable.number(score.score());
        return Double.isFinite(score.error()) ? value + " ± " + JmhTable.number(score.error()) : value;
    }
}
