package dev.callq.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
        // three worker counts, one cell each: a fit, but no intervals (nothing left to estimate the noise from)
        assertThat(html).contains("<tr><td>jedis</td><td>3</td><td>0.0000</td><td>0.011432</td><td>722.2</td>"
                        + "<td>9.4</td><td>3568</td><td>none (σ = 0)</td><td>0.9994</td>"
                        + "<td>none: fewer than 4 points</td></tr>")
                .contains("<tr><td>lettuce</td><td>3</td><td>0.0000</td><td>0.000000</td><td>626.2</td>"
                        + "<td>none (κ = 0)</td><td>-</td><td>none (σ = 0)</td><td>0.9974</td>"
                        + "<td>none: fewer than 4 points</td></tr>")
                .doesNotContain("fill-opacity:0.25");
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
    void theReportOpensWithTheHeadlineNumbersAndAReadableStartTime() throws IOException {
        Path folder = GoldenRuns.copy(GoldenRuns.SWEEP_WORKERS, tmp);

        String html = readSelfContained(SweepHtml.write(folder));

        assertThat(html).contains("started 2026-11-26 13:14:41 UTC")
                .contains("<p class=\"headline\">jedis p99 1113.09–1352.70 ms, up to 2540 events/s; "
                        + "lettuce p99 1337.34–1646.59 ms, up to 2550 events/s; nothing lost</p>")
                .contains("Produced by a callq that did not record its version, command line or machine.");
    }

    /** Workers that keep up return the offered rate whatever their number: a USL fit through that is meaningless. */
    @Test
    void cellsThatKeptUpWithTheOfferedRateGetNoScalabilityCurve() throws IOException {
        Path folder = GoldenRuns.copy(GoldenRuns.SWEEP_WORKERS, tmp);
        Path file = folder.resolve("sweep.json");
        ObjectNode sweep = (ObjectNode) new ObjectMapper().readTree(file.toFile());
        for (JsonNode cell : sweep.get("cells")) {
            if (cell.get("client").asText().equals("lettuce")) {
                ((ObjectNode) cell).put("throughputPerSec", cell.get("producerAchievedRatePerSec").asDouble() * 0.97);
            }
        }
        new ObjectMapper().writeValue(file.toFile(), sweep);

        String html = readSelfContained(SweepHtml.write(folder));

        assertThat(html).contains("No USL curve for lettuce: 3 of its cells kept up with the offered rate")
                .doesNotContain("No USL curve for jedis")
                .contains("<tr><td>jedis</td><td>3</td><td>0.0000</td><td>0.011432</td>")
                .contains("<tr><td>lettuce</td><td>3</td><td>not fitted");
    }

    @Test
    void fewerThanThreeWorkerCountsGetNoFitAndSaySo() throws IOException {
        Path folder = GoldenRuns.copy(GoldenRuns.SUITE, tmp).resolve("workers");

        String html = readSelfContained(SweepHtml.write(folder));

        assertThat(html).contains("<tr><td>jedis</td><td>2</td><td>not fitted: fewer than 3 worker counts</td>");
        assertThat(countOf(html, "<svg")).isEqualTo(1);
    }
}
