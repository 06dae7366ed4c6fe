package dev.callq.bench.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.callq.bench.report.ReportPages.readSelfContained;
import static org.assertj.core.api.Assertions.assertThat;

/** The suite index rebuilt from a saved suite that was gated against a baseline. */
class SuiteHtmlTest {
    @TempDir
    Path tmp;

    @Test
    void indexLinksEverySweepReportAndShowsTheComparisonAsATable() throws IOException {
        Path folder = GoldenRuns.copy(GoldenRuns.SUITE, tmp);

        String html = readSelfContained(SuiteHtml.write(folder));

        assertThat(html).contains("<h1>callq-bench suite: tiny-suite</h1>")
                .contains("2 sweeps · started 2026-11-26 13:17:04 UTC")
                .contains("<p class=\"verdict fail\">1 cell NOT trustworthy: see the sweeps' reports</p>")
                .contains("<p class=\"headline\">rates: jedis p99 11.35–22.37 ms, up to 1960 events/s; lettuce p99 "
                        + "269.57 ms, up to 1721 events/s; nothing lost</p>")
                .contains("<p class=\"headline\">workers: jedis p99 13.84–17.55 ms, up to 597 events/s; nothing lost</p>")
                .contains("<a href=\"rates/report.html\">rates</a>").contains("<a href=\"workers/report.html\">workers</a>")
                .contains("<tr><td class=\"bad\">rates</td><td class=\"bad\">synthetic</td><td class=\"bad\">4</td>"
                        + "<td class=\"bad\">1</td>")
                .contains("<tr><td>workers</td><td>synthetic</td><td>2</td><td>0</td><td>jedis</td></tr>");
        readSelfContained(folder.resolve("rates/report.html"));
        readSelfContained(folder.resolve("workers/report.html"));
        // compare.md: the regression row in bold becomes a highlighted row, the alignment row disappears
        assertThat(html).contains("<tr><th>cell</th><th>metric</th><th>baseline</th><th>current</th><th>worse by</th>"
                        + "<th>noise</th><th>verdict</th><th>note</th></tr>")
                .contains("<tr><td>jedis synthetic blpop w2 @500/s</td><td>p99 enqueue→dequeue (µs)</td><td>10863</td>"
                        + "<td>11351</td><td>+4.5 %</td><td>-</td><td>ok</td>")
                .contains("<tr><td class=\"bad\">lettuce synthetic blpop w2 @500/s</td>")
                .contains("<p>Result: regression.</p>")
                .doesNotContain("---").doesNotContain("**");
    }

    @Test
    void indexShowsEveryCellAndThePerRepeatP99BesideTheBaselinesWhenTheBaselineIsThere() throws IOException {
        Path folder = GoldenRuns.copy(GoldenRuns.SUITE, tmp.resolve("current"));
        Path baseline = GoldenRuns.copy(GoldenRuns.SUITE, tmp.resolve("baseline"));
        Files.writeString(folder.resolve(SuiteHtml.BASELINE_FILE), baseline.toAbsolutePath() + "\n");
        // The golden suite kept only its sweeps' tables: the chart needs each cell's summary.json.
        String withoutCells = readSelfContained(SuiteHtml.write(folder));
        for (Path side : List.of(folder, baseline)) {
            GoldenRuns.copy(GoldenRuns.SYNTHETIC_LETTUCE, side.resolve("rates"));
        }

        String html = readSelfContained(SuiteHtml.write(folder));

        assertThat(withoutCells).contains("<h2>Cells of rates</h2>").contains("<h2>Cells of workers</h2>")
                .contains("No per-repeat chart: no summary.json under").doesNotContain("Per-repeat p99 per cell");
        assertThat(html).contains("<h2>Per-repeat p99 per cell</h2>")
                .contains("<th>base typical p99 (ms)</th><th>current typical p99 (ms)</th>")
                .containsPattern("<td>lettuce synthetic [^<]+</td><td>1</td>");
    }
}
