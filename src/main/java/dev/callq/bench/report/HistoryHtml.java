package dev.callq.bench.report;

import dev.callq.bench.compare.CellKey;
import dev.callq.bench.history.ChangePoint;
import dev.callq.bench.history.HistoryAnalysis;
import dev.callq.bench.history.HistoryEntry;
import dev.callq.bench.history.HistoryMarkdown;
import dev.callq.bench.history.HistoryMetric;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The report of a history ({@code callq history}): the change points first, then per cell each metric's series
 * run by run, with the mean of each segment between change points drawn over it and each change point marked,
 * and the table of the cell's runs with their commits.
 */
public final class HistoryHtml {
    private HistoryHtml() {
    }

    /** Writes {@code dir}/report.html; returns its path. */
    public static Path write(Path dir, HistoryAnalysis analysis) {
        return render(analysis).writeTo(dir);
    }

    static HtmlPage render(HistoryAnalysis analysis) {
        List<HistoryAnalysis.Finding> findings = analysis.findings();
        HtmlPage page = new HtmlPage("callq-bench history", "callq-bench history: results commit by commit",
                String.format(Locale.ROOT, "change points by E-divisive means with Student's t: p ≤ %s, change ≥ %s",
                        HistoryMarkdown.number(analysis.maxP()), HistoryMarkdown.percent(analysis.minChange())));
        long worse = findings.stream().filter(HistoryAnalysis.Finding::regression).count();
        page.verdict(worse == 0, findings.isEmpty() ? "no change point" : findings.size() + " change points, "
                + worse + " of them worse");
        List<List<String>> rows = new ArrayList<>();
        List<Boolean> highlighted = new ArrayList<>();
        for (HistoryAnalysis.Finding f : findings) {
            ChangePoint p = f.point();
            rows.add(List.of(f.series().cell().toString(), f.series().metric().label(), f.series().runAt(p).shortCommit(),
                    Integer.toString(HistoryMarkdown.runNumber(analysis, f)), HistoryMarkdown.number(p.meanBefore()),
                    HistoryMarkdown.number(p.meanAfter()), HistoryMarkdown.signed(p.change()),
                    Double.isNaN(p.changeLow()) ? "unbounded"
                            : HistoryMarkdown.signed(p.changeLow()) + " … " + HistoryMarkdown.signed(p.changeHigh()),
                    HistoryMarkdown.pValue(p.p()), f.regression() ? "worse" : "better"));
            highlighted.add(f.regression());
        }
        page.section("Change points", Table.highlighting(List.of("cell", "metric", "commit", "run", "mean before",
                "mean after", "change", "95 % CI", "p", ""), rows, highlighted));
        for (Map.Entry<CellKey, List<HistoryEntry>> cell : analysis.history().entrySet()) {
            page.heading(cell.getKey().toString());
            for (HistoryAnalysis.Series series : analysis.series()) {
                if (series.cell().equals(cell.getKey())) {
                    page.chart(chart(series, cell.getValue()), "no trustworthy run of " + series.metric().label());
                }
            }
            page.table(runs(cell.getValue()));
        }
        page.noteMarkup("Rebuilt from the history's <code>*.jsonl</code> files by <code>callq history</code>. Runs are "
                + "numbered in the order they were added; an untrustworthy run is listed, not drawn.");
        return page;
    }

    /** The series' points, each segment's mean as a line over it, and each change point as a vertical line. */
    private static Optional<String> chart(HistoryAnalysis.Series series, List<HistoryEntry> allRuns) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int i = 0; i < series.values().length; i++) {
            x.add((double) allRuns.indexOf(series.runs().get(i)) + 1);
            y.add(series.values()[i]);
        }
        List<Charts.Line> lines = new ArrayList<>();
        lines.add(new Charts.Line("run", x, y, true, 0));
        List<Integer> bounds = new ArrayList<>();
        bounds.add(0);
        series.changePoints().forEach(p -> bounds.add(p.index()));
        bounds.add(x.size());
        double top = y.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        for (int b = 0; b + 1 < bounds.size(); b++) {
            int from = bounds.get(b);
            int to = bounds.get(b + 1);
            double mean = y.subList(from, to).stream().mapToDouble(Double::doubleValue).average().orElse(0);
            lines.add(new Charts.Line("segment mean " + (b + 1), List.of(x.get(from), x.get(to - 1)), List.of(mean, mean),
                    false, 1));
            if (b > 0) {
                double at = x.get(from) - 0.5;
                lines.add(new Charts.Line("change at " + series.runs().get(from).shortCommit(), List.of(at, at),
                        List.of(0.0, top), false, 5));
            }
        }
        String id = "h-" + Integer.toHexString((series.cell() + series.metric().key()).hashCode());
        return Charts.xy(id, series.metric().label(), "run", series.metric().label(), lines);
    }

    private static Table runs(List<HistoryEntry> runs) {
        List<String> header = new ArrayList<>(List.of("run", "commit", "time", "service time", "repeats"));
        for (HistoryMetric metric : HistoryMetric.values()) {
            header.add(metric.label());
        }
        header.addAll(List.of("lost", "duplicated", "left in queue", "untrustworthy"));
        List<List<String>> rows = new ArrayList<>();
        List<Boolean> highlighted = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            HistoryEntry run = runs.get(i);
            List<String> row = new ArrayList<>(List.of(Integer.toString(i + 1), run.shortCommit(),
                    HtmlPage.readableTime(run.time()), String.valueOf(run.serviceTime()), Integer.toString(run.repeats())));
            for (HistoryMetric metric : HistoryMetric.values()) {
                row.add(HistoryMarkdown.number(run.value(metric)));
            }
            boolean counted = run.events() != null;
            row.add(counted ? Long.toString(run.events().lost()) : "-");
            row.add(counted ? Long.toString(run.events().duplicates()) : "-");
            row.add(counted ? Long.toString(run.events().leftInQueue()) : "-");
            row.add(run.untrustworthy() == null ? "" : run.untrustworthy());
            rows.add(row);
            highlighted.add(run.untrustworthy() != null);
        }
        return Table.highlighting(header, rows, highlighted);
    }
}
