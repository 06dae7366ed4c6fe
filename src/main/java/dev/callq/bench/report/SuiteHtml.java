package dev.callq.bench.report;

import dev.callq.bench.HarnessException;
import dev.callq.bench.compare.ResultSet;
import dev.callq.bench.result.SustainedLoad;
import dev.callq.bench.sweep.CellResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A suite's index report.html: one line per sweep with a link to the sweep's own report (rebuilt here
 * too), every sweep's cells, and, when the suite was gated, the comparison against the baseline with each
 * cell's per-repeat p99 beside the baseline's (when the baseline folder is still there to read).
 */
public final class SuiteHtml {
    /** Where {@code callq suite --compare} notes the baseline it gated against, for the report's A/B chart. */
    public static final String BASELINE_FILE = "baseline.txt";

    private SuiteHtml() {
    }

    /** Writes every sweep's report.html and the suite's index; returns the index. */
    public static Path write(Path dir) {
        SuiteFolder suite = SuiteFolder.read(dir);
        suite.sweeps().forEach(sweep -> SweepHtml.render(sweep).writeTo(sweep.dir()));
        return render(suite).writeTo(dir);
    }

    static HtmlPage render(SuiteFolder suite) {
        long untrustworthy = suite.sweeps().stream().flatMap(s -> s.cells().stream()).filter(c -> !c.trustworthy()).count();
        HtmlPage page = new HtmlPage("callq-bench suite: " + suite.name(), "callq-bench suite: " + suite.name(),
                suite.sweeps().size() + " sweeps" + (suite.sweeps().isEmpty() ? ""
                        : " · started " + HtmlPage.readableTime(suite.sweeps().get(0).startedAt())));
        long notSustained = suite.sweeps().stream().flatMap(s -> s.cells().stream()).filter(CellResult::notSustained)
                .count();
        page.verdict(untrustworthy == 0, untrustworthy == 0 ? "every cell trustworthy"
                : untrustworthy + (untrustworthy == 1 ? " cell" : " cells") + " NOT trustworthy"
                + (notSustained == 0 ? "" : ", " + notSustained + " of them " + SustainedLoad.NOT_SUSTAINED)
                + ": see the sweeps' reports");
        suite.sweeps().forEach(sweep -> page.headline(sweep.name() + ": " + SweepHtml.headline(sweep)));
        page.provenance(suite.sweeps().isEmpty() ? null : suite.sweeps().get(0).provenance());
        page.heading("Sweeps");
        List<List<String>> rows = new ArrayList<>();
        List<Boolean> suspect = new ArrayList<>();
        for (SweepFolder sweep : suite.sweeps()) {
            long bad = sweep.cells().stream().filter(c -> !c.trustworthy()).count();
            page.link(sweep.dir().getFileName() + "/" + HtmlPage.FILE_NAME, sweep.name(), sweep.description());
            rows.add(List.of(sweep.name(), sweep.load(), Integer.toString(sweep.cells().size()), Long.toString(bad),
                    String.join(", ", sweep.cells().stream().map(CellResult::client).distinct().toList())));
            suspect.add(bad > 0);
        }
        page.table(Table.highlighting(List.of("sweep", "load", "cells", "untrustworthy cells", "clients"), rows, suspect));
        for (SweepFolder sweep : suite.sweeps()) {
            page.heading("Cells of " + sweep.name());
            page.table(SweepHtml.cellTable(sweep.cells()));
        }
        page.heading("Against the baseline");
        suite.baseline().ifPresent(baseline -> perRepeatP99(page, baseline, suite.dir()));
        suite.compareMarkdown().ifPresentOrElse(md -> MarkdownTables.render(md, page),
                () -> page.note("Not compared: the suite ran without --compare."));
        page.noteMarkup("Rebuilt from each sweep's <code>sweep.json</code> and the suite's <code>compare.md</code> "
                + "by <code>callq report</code>.");
        return page;
    }

    private static void perRepeatP99(HtmlPage page, Path baseline, Path current) {
        ResultSet base;
        ResultSet now;
        try {
            base = ResultSet.load(baseline);
            now = ResultSet.load(current);
        } catch (HarnessException e) {
            // A report rebuilt from a copy that kept only the sweeps' tables has no cells to chart.
            page.note("No per-repeat chart: " + e.getMessage() + ".");
            return;
        }
        AbHtml.perRepeatP99(page, base, now);
    }
}
