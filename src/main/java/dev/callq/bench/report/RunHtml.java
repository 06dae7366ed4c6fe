package dev.callq.bench.report;

import dev.callq.bench.measure.LatencySummary;
import dev.callq.bench.run.ClientResult;
import dev.callq.bench.run.RunSummary;
import dev.callq.bench.run.RunVerdict;
import dev.callq.bench.run.Timeseries;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds a run's report from its results folder alone: {@code report.html} (one self-contained file, charts
 * inlined as SVG, no script and nothing fetched), {@code summary.md} for CI job summaries and
 * {@code summary.csv} with one row per client.
 */
public final class RunHtml {
    public static final String FILE_NAME = HtmlPage.FILE_NAME;

    private RunHtml() {
    }

    /** Writes report.html, summary.md and summary.csv into {@code resultsDir}; returns report.html. */
    public static Path write(Path resultsDir) {
        RunFolder folder = RunFolder.read(resultsDir);
        TextFiles.write(resultsDir.resolve(MarkdownSummary.FILE_NAME), MarkdownSummary.render(folder));
        TextFiles.write(resultsDir.resolve(CsvSummary.FILE_NAME), CsvSummary.render(folder.summary()));
        Path report = resultsDir.resolve(FILE_NAME);
        TextFiles.write(report, render(folder));
        return report;
    }

    static String render(RunFolder folder) {
        RunSummary summary = folder.summary();
        List<ClientResult> clients = summary.clients();
        boolean trustworthy = RunVerdict.trustworthy(summary);
        HtmlPage page = new HtmlPage("callq-bench: " + String.join(" vs ", clients.stream().map(ClientResult::client).toList())
                + ", " + (trustworthy ? "trustworthy" : "NOT trustworthy"), "callq-bench: " + describe(summary),
                summary.phases() + " · started " + HtmlPage.readableTime(summary.startedAt()));
        page.verdict(trustworthy, ReportTables.verdict(summary));
        page.headline(ReportTables.headline(summary));
        page.provenance(summary.provenance());
        List<String> warnings = new ArrayList<>(ReportTables.warnings(clients));
        folder.missing().forEach(m -> warnings.add("missing raw file, " + m));
        page.warnings(warnings);

        page.section("Accounting", ReportTables.accounting(clients));
        ReportTables.sipCalls(clients).ifPresent(t -> page.section("SIP calls", t));
        ReportTables.producer(clients).ifPresent(t -> page.section("Producer", t));
        ReportTables.cost(clients).ifPresent(t -> page.section("Cost per 1,000 events", t));
        clients.forEach(c -> ProfileFrames.of(folder.dir(), c)
                .ifPresent(t -> page.section("Profile: " + c.client() + " (JFR, " + c.clientEnvironment().get("profile") + ")", t)));

        page.heading("Latency by percentile")
                .chart(Charts.percentileSpectrum(folder.clients()), "no enqueueToDequeue intervals in the interval logs");
        page.heading("Latency percentiles (µs)");
        for (Map.Entry<String, Map<String, LatencySummary>> metric : ReportTables.latencyByMetric(clients).entrySet()) {
            page.subheading(metric.getKey()).table(ReportTables.latency(metric.getValue()));
        }

        String noSeries = "no time series to draw";
        page.heading("Per second");
        page.chart(Charts.perSecond("throughput", "events consumed per second", "events/s", folder.clients(),
                Timeseries.Second::consumedPerSec), noSeries);
        page.chart(Charts.perSecond("p99", "enqueue → dequeue p99 per second", "latency (µs)", folder.clients(),
                Timeseries.Second::p99EnqueueToDequeueMicros), noSeries);
        page.chart(Charts.perSecond("backlog", "backlog (events in the list)", "events", folder.clients(),
                Timeseries.Second::backlog), noSeries);

        page.section("Environment", ReportTables.environment(summary));
        page.section("Configuration", ReportTables.config(summary));
        page.noteMarkup("Rebuilt from <code>summary.json</code>, the <code>.hlog</code> interval logs "
                + "and the <code>-timeseries.csv</code> files of this folder by <code>callq report</code>.");
        return page.finish();
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
}
