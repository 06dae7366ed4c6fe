package dev.callq.bench.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static dev.callq.bench.report.ReportPages.countOf;
import static dev.callq.bench.report.ReportPages.readSelfContained;
import static org.assertj.core.api.Assertions.assertThat;

/** The max-rate report rebuilt from a saved search that ran out of probes. */
class MaxRateHtmlTest {
    @TempDir
    Path tmp;

    @Test
    void unconvergedSearchSaysSoAndListsEveryProbe() throws IOException {
        Path folder = GoldenRuns.copy(GoldenRuns.MAX_RATE, tmp);

        String html = readSelfContained(MaxRateHtml.write(folder));

        assertThat(html).contains("<p class=\"verdict fail\">NOT CONVERGED: not converged within 8 probes")
                .contains("<p class=\"headline\">highest passing 1682 events/s (p99 15.31 ms); "
                        + "lowest failing 947 events/s (p99 23.57 ms)</p>");
        assertThat(countOf(html, "<svg")).isEqualTo(2);
        assertThat(html).contains("<tr><td>1</td><td>2000</td><td>FAIL</td><td>40.54</td>")
                .contains("<tr><td>2</td><td>1000</td><td>pass</td><td>4.42</td>");
        assertThat(countOf(html, "<tr><td>")).isEqualTo(8);
    }
}
