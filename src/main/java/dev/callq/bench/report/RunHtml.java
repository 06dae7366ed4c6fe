package dev.callq.bench.report;

import dev.callq.bench.measure.LatencySplit;
import dev.callq.bench.measure.LatencySummary;
import dev.callq.bench.result.ClientResult;
import dev.callq.bench.result.RunSummary;
import dev.callq.bench.result.RunVerdict;
import dev.callq.bench.result.FaultRecord;
import dev.callq.bench.result.Timeseries;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
    /** Each client's faults: when, what each found, and how long until the backlog was back to its steady level. */
    private static java.util.Optional<Table> faults(List<ClientResult> clients) {
        List<List<String>> rows = new ArrayList<>();
        for (ClientResult client : clients) {
            if (client.faults() == null) {
                continue;
            }
            for (FaultRecord fault : client.faults()) {
                rows.add(List.of(client.client(), fault.spec(),
                        fault.startedAtMicros() == 0 ? "-" : java.time.Instant.ofEpochMilli(fault.startedAtMicros() / 1000).toString(),
                        fault.startedAtMicros() == 0 ? "-" : String.format(java.util.Locale.ROOT, "%.1f",
                                (fault.endedAtMicros() - fault.startedAtMicros()) / 1e6),
                        FaultRecord.recoveryText(fault.recoverySeconds()),
                        fault.maxP99DuringMicros() == null ? "-" : String.format(java.util.Locale.ROOT, "%.2f", fault.maxP99DuringMicros() / 1000.0),
                        fault.error() != null ? "NOT DONE: " + fault.error() : fault.note() == null ? "" : fault.note()));
            }
        }
        return rows.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(Table.of(List.of("client", "fault",
                "started", "lasted (s)", "recovery (s)", "max p99 during (ms)", "found"), rows));
    }

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
                + ", " + (trustworthy ? "trustworthy" : RunVerdict.of(summary).stream().allMatch(RunVerdict::sustained)
                ? "NOT trustworthy" : "NOT SUSTAINED"), "callq-bench: " + describe(summary),
                summary.phases() + " · started " + HtmlPage.readableTime(summary.startedAt()));
        page.verdict(trustworthy, ReportTables.verdict(summary));
        page.headline(ReportTables.headline(summary));
        page.provenance(summary.provenance());
        List<String> warnings = new ArrayList<>(ReportTables.warnings(clients));
        folder.missing().forEach(m -> warnings.add("missing raw file, " + m));
        page.warnings(warnings);

        ReportTables.sustained(clients).ifPresent(t -> page.section("Sustained: the measured phase, the drain apart", t));
        page.section("Accounting", ReportTables.accounting(clients));
        ReportTables.sipCalls(clients).ifPresent(t -> page.section("SIP calls", t));
        ReportTables.producer(clients).ifPresent(t -> page.section("Producer", t));
        faults(clients).ifPresent(t -> page.section("Faults (shaded on every per-second chart)", t));
        ReportTables.cost(clients).ifPresent(t -> page.section("Cost per 1,000 events", t));
        clients.forEach(c -> ProfileFrames.of(folder.dir(), c)
                .ifPresent(t -> page.section("Profile: " + c.client() + " (JFR, " + c.clientEnvironment().get("profile") + ")", t)));

        page.heading("Latency by percentile")
                .chart(Charts.percentileSpectrum(folder.clients()), "no enqueueToDequeue intervals in the interval logs");
        page.heading("Latency percentiles (µs)");
        for (Map.Entry<String, Map<String, LatencySummary>> metric : ReportTables.latencyByMetric(clients).entrySet()) {
            page.subheading(metric.getKey()).table(ReportTables.latency(metric.getValue()));
        }

        latencySplit(page, clients);

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

    /** Where enqueue→dequeue goes, per client: stacked p50 and p99 bars and the parts' table. */
    private static void latencySplit(HtmlPage page, List<ClientResult> clients) {
        Optional<Table> table = ReportTables.latencySplit(clients);
        if (table.isEmpty()) {
            return;
        }
        List<String> split = clients.stream().filter(c -> c.latencySplit() != null).map(ClientResult::client).toList();
        page.heading("Where the latency goes");
        page.paragraph("Enqueue → dequeue, cut where the harness can read one host clock: the producer's share "
                + "(event stamp → push sent) and the client's share (pop reply's first bytes at the socket → "
                + "worker holds the event) are measured per event; Redis's share (push sent → reply at the "
                + "socket: network, Redis and any queue wait) is derived, p(stamp → reply) − p(producer). "
                + "Percentiles do not add up exactly, so a stack's height is close to, not equal to, the total.");
        page.chart(Charts.stackedBars("split-p50", "enqueue → dequeue p50 by part", "latency (µs)", split,
                ReportTables.latencySplitSeries(clients, LatencySplit.Part::p50Micros)), "no latency split");
        page.chart(Charts.stackedBars("split-p99", "enqueue → dequeue p99 by part", "latency (µs)", split,
                ReportTables.latencySplitSeries(clients, LatencySplit.Part::p99Micros)), "no latency split");
        page.table(table.get());
    }
}
