package dev.callq.bench.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static dev.callq.bench.report.ReportPages.countOf;
import static dev.callq.bench.report.ReportPages.readSelfContained;
import static org.assertj.core.api.Assertions.assertThat;

/** The sweep report rebuilt from saved sweep.json files. */
class SweepHtmlTest {
    @TempDir
    Path tmp;

    @Test
    void workerSweepDrawsThroughputAgainstWorkersWithTheFittedLawPerClient() throws IOException {
        Path folder = GoldenRuns.copy(GoldenRuns.SWEEP_WORKERS, tmp);

        String html = readSelfContained(SweepHtml.write(folder));

        assertThat(html).contains("<h1>callq-bench sweep: tiny-workers</h1>")
                .contains("<p class=\"verdict ok\">every cell trustworthy</p>");
        assertThat(countOf(html, "<svg")).as("throughput against workers only: the rate does not vary").isEqualTo(1);
        assertThat(html).contains("<tr><td>jedis</td><td>3</td><td>0.0000</td><td>0.011432</td><td>722.2</td>"
                        + "<td>9.4</td><td>3568</td><td>0.9994</td></tr>")
                .contains("<tr><td>lettuce</td><td>3</td><td>0.0000</td><td>0.000000</td><td>626.2</td>"
                        + "<td>none (κ = 0)</td><td>-</td><td>0.9974</td></tr>");
        // sweep.json: 694.135 events/s, p50 604671 µs, p99 1183743 µs, max 1188863 µs, producer 1520.35/s
        assertThat(html).contains("<tr><td>01-jedis-blpop-w1-r1500pw-exp1ms-1</td><td>1500</td><td>694</td>"
                + "<td>604.67</td><td>1183.74</td><td>1188.86</td><td>1520</td><td>0 / 0 / 0</td><td>yes</td></tr>");
        assertThat(countOf(html, "<tr><td>0")).isEqualTo(6);
    }

    @Test
    void rateSweepDrawsP99AgainstRateAndHighlightsTheUntrustworthyCell() throws IOException {
        Path folder = GoldenRuns.copy(GoldenRuns.SUITE, tmp).resolve("rates");

        String html = readSelfContained(SweepHtml.write(folder));

        assertThat(html).contains("<p class=\"verdict fail\">1 of 4 cells NOT trustworthy (highlighted below)</p>")
                .contains("The worker count does not vary in this sweep: no scalability curve.")
                .contains("<h2>p99 enqueue → dequeue against offered rate</h2>");
        assertThat(countOf(html, "<svg")).isEqualTo(1);
        assertThat(html).contains("<tr><td class=\"bad\">02-lettuce-blpop-w2-r500-none-1</td><td class=\"bad\">500</td>"
                + "<td class=\"bad\">461</td><td class=\"bad\">");
        assertThat(html).contains("<tr><td>04-lettuce-blpop-w2-r2000-none-1</td><td>2000</td><td>1721</td>");
        assertThat(countOf(html, "<td class=\"bad\">NO (exit 3)</td>")).isEqualTo(1);
    }

    @Test
    void fewerThanThreeWorkerCountsGetNoFitAndSaySo() throws IOException {
        Path folder = GoldenRuns.copy(GoldenRuns.SUITE, tmp).resolve("workers");

        String html = readSelfContained(SweepHtml.write(folder));

        assertThat(html).contains("<tr><td>jedis</td><td>2</td><td>not fitted: fewer than 3 worker counts</td>");
        assertThat(countOf(html, "<svg")).isEqualTo(1);
    }
}
