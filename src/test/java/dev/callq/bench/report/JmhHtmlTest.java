package dev.callq.bench.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static dev.callq.bench.report.ReportPages.countOf;
import static dev.callq.bench.report.ReportPages.readSelfContained;
import static org.assertj.core.api.Assertions.assertThat;

/** The JMH report rebuilt from a saved jmh.json of {@code callq jmh --quick}. */
class JmhHtmlTest {
    @TempDir
    Path tmp;

    @Test
    void putsJedisAndLettuceSideBySideWithTheirRatioAndABarChartPerUnit() throws IOException {
        Path folder = GoldenRuns.copy(GoldenRuns.JMH, tmp);

        String html = readSelfContained(JmhHtml.write(folder));

        assertThat(html).contains("<tr><th>benchmark</th><th>mode</th><th>jedis</th><th>lettuce</th>"
                + "<th>(no client)</th><th>unit</th><th>lettuce/jedis</th><th>ahead</th></tr>");
        // jmh.json: pipelinedRpush batch=1, jedis 25418.36 ops/s, lettuce 2294.79 ops/s: throughput, higher is better
        assertThat(html).contains("<tr><td>pipelinedRpush batch=1</td><td>thrpt</td><td>25418</td><td>2295</td>"
                + "<td>-</td><td>ops/s</td><td>0.09</td><td>jedis ×11.08</td></tr>");
        // roundTripRpushBlpop: jedis 4760.75 us/op, lettuce 2902.17 us/op: average time, lower is better
        assertThat(html).contains("<tr><td>roundTripRpushBlpop</td><td>avgt</td><td>4761</td><td>2902</td><td>-</td>"
                + "<td>us/op</td><td>0.61</td><td>lettuce ×1.64</td></tr>");
        assertThat(html).contains("<tr><td>pipelinedRpush batch=16 :events</td><td>thrpt</td><td>352414</td>")
                .contains("<tr><td>encodeJson</td><td>avgt</td><td>-</td><td>-</td><td>8759</td><td>ns/op</td>"
                        + "<td></td><td></td></tr>");
        assertThat(countOf(html, "<svg")).as("ops/s and us/op; ns/op ran without a client").isEqualTo(2);
        assertThat(html).contains("no error bars: one measurement iteration");
    }
}
