package dev.callq.bench.report;

import dev.callq.bench.HarnessException;
import dev.callq.bench.report.ResultsFolder.SecondSample;
import dev.callq.bench.run.ClientResult;
import dev.callq.bench.run.RunSummary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rebuilds a run's report from its results folder alone: {@code report.html} (one self-contained file, charts
 * inlined as SVG, no script and nothing fetched), {@code summary.md} for CI job summaries and
 * {@code summary.csv} with one row per client.
 */
public final class HtmlReport {
    public static final String FILE_NAME = "report.html";

    private static final String CSS = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d232b;margin:0 auto;\
            max-width:1100px;padding:24px}
            h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 8px;border-bottom:1px solid #dde3ea}
            .sub{color:#5b6673;margin:0 0 16px}
            .verdict{display:inline-block;padding:6px 12px;border-radius:6px;font-weight:600}
            .ok{background:#e3f4e8;color:#17602e}.fail{background:#fde6e6;color:#9b1c1c}
            table{border-collapse:collapse;margin:8px 0 16px}
            th,td{padding:4px 12px;border-bottom:1px solid #e6eaef;text-align:right;white-space:nowrap}
            th:first-child,td:first-child{text-align:left}th{background:#f4f6f9}
            td.bad{background:#fde6e6;color:#9b1c1c;font-weight:600}
            .warnings{background:#fff4d6;border-left:4px solid #d99a00;padding:8px 16px;margin:8px 0}
            .chart svg{max-width:100%;height:auto;display:block;margin:8px 0}
            .note{color:#5b6673}code{font-size:13px}
            """;

    private HtmlReport() {
    }

    /** Writes report.html, summary.md and summary.csv into {@code resultsDir}; returns report.html. */
    public static Path write(Path resultsDir) {
        ResultsFolder folder = ResultsFolder.read(resultsDir);
        writeFile(resultsDir.resolve(MarkdownSummary.FILE_NAME), MarkdownSummary.render(folder));
        writeFile(resultsDir.resolve(CsvSummary.FILE_NAME), CsvSummary.render(folder.summary()));
        Path report = resultsDir.resolve(FILE_NAME);
        writeFile(report, render(folder));
        return report;
    }

    static String render(ResultsFolder folder) {
        RunSummary summary = folder.summary();
        List<ClientResult> clients = summary.clients();
        boolean balanced = clients.stream().allMatch(ReportTables::balanced);
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>callq-bench: ")
                .append(escape(String.join(" vs ", clients.stream().map(ClientResult::client).toList())))
                .append(", ").append(balanced ? "balanced" : "NOT balanced").append("</title>\n<style>")
                .append(CSS).append("</style></head>\n<body>\n");
        html.append("<h1>callq-bench: ").append(escape(describe(summary))).append("</h1>\n");
        html.append("<p class=\"sub\">").append(escape(summary.phases())).append(" · started ")
                .append(escape(summary.startedAt())).append("</p>\n");
        html.append("<p class=\"verdict ").append(balanced ? "ok" : "fail").append("\">")
                .append(escape(ReportTables.verdict(summary))).append("</p>\n");
        warnings(html, ReportTables.warnings(clients), folder.missing());

        html.append("<h2>Accounting</h2>\n");
        table(html, ReportTables.accounting(clients));
        ReportTables.sipCalls(clients).ifPresent(t -> section(html, "SIP calls", t));
        ReportTables.producer(clients).ifPresent(t -> section(html, "Producer", t));

        html.append("<h2>Latency by percentile</h2>\n");
        chart(html, Charts.percentileSpectrum(folder.clients()), "no enqueueToDequeue intervals in the interval logs");
        html.append("<h2>Latency percentiles (µs)</h2>\n");
        for (Map.Entry<String, Map<String, dev.callq.bench.measure.LatencySummary>> metric
                : ReportTables.latencyByMetric(clients).entrySet()) {
            html.append("<h3>").append(escape(metric.getKey())).append("</h3>\n");
            table(html, ReportTables.latency(metric.getValue()));
        }

        html.append("<h2>Per second</h2>\n");
        String noSeries = "no time series to draw";
        chart(html, Charts.perSecond("throughput", "events consumed per second", "events/s", folder.clients(),
                SecondSample::consumedPerSec), noSeries);
        chart(html, Charts.perSecond("p99", "enqueue → dequeue p99 per second", "latency (µs)", folder.clients(),
                SecondSample::p99EnqueueToDequeueMicros), noSeries);
        chart(html, Charts.perSecond("backlog", "backlog (events in the list)", "events", folder.clients(),
                SecondSample::backlog), noSeries);

        section(html, "Environment", ReportTables.environment(summary));
        section(html, "Configuration", ReportTables.config(summary));
        html.append("<p class=\"note\">Rebuilt from <code>summary.json</code>, the <code>.hlog</code> interval logs ")
                .append("and the <code>-timeseries.csv</code> files of this folder by <code>callq report</code>.</p>\n");
        html.append("</body></html>\n");
        return html.toString();
    }

    /** "jedis vs lettuce, 4 workers, blpop, sip load, json": what was compared, in one line. */
    static String describe(RunSummary summary) {
        List<ClientResult> clients = summary.clients();
        String names = String.join(" vs ", clients.stream().map(ClientResult::client).toList());
        if (clients.isEmpty()) {
            return "no clients";
        }
        ClientResult first = clients.get(0);
        return names + ", " + first.workers() + " workers, " + first.pattern() + ", " + first.load() + " load, "
                + first.payload() + " payload";
    }

    private static void warnings(StringBuilder html, List<String> warnings, List<String> missing) {
        if (warnings.isEmpty() && missing.isEmpty()) {
            html.append("<p class=\"note\">No warnings.</p>\n");
            return;
        }
        html.append("<div class=\"warnings\"><strong>Warnings</strong><ul>\n");
        warnings.forEach(w -> html.append("<li>").append(escape(w)).append("</li>\n"));
        missing.forEach(m -> html.append("<li>missing raw file, ").append(escape(m)).append("</li>\n"));
        html.append("</ul></div>\n");
    }

    private static void section(StringBuilder html, String title, Table table) {
        html.append("<h2>").append(escape(title)).append("</h2>\n");
        table(html, table);
    }

    private static void chart(StringBuilder html, Optional<String> svg, String whenEmpty) {
        if (svg.isPresent()) {
            html.append("<div class=\"chart\">").append(svg.get()).append("</div>\n");
        } else {
            html.append("<p class=\"note\">").append(escape(whenEmpty)).append("</p>\n");
        }
    }

    private static void table(StringBuilder html, Table table) {
        html.append("<table>\n<tr>");
        table.header().forEach(h -> html.append("<th>").append(escape(h)).append("</th>"));
        html.append("</tr>\n");
        for (int r = 0; r < table.rows().size(); r++) {
            List<String> row = table.rows().get(r);
            html.append("<tr>");
            for (int c = 0; c < row.size(); c++) {
                String cell = row.get(c);
                boolean bad = c > 0 && table.mustBeZero().get(r) && !"0".equals(cell);
                html.append(bad ? "<td class=\"bad\">" : "<td>").append(escape(cell)).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static void writeFile(Path file, String content) {
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new HarnessException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
