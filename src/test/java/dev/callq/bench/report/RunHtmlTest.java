package dev.callq.bench.report;

import dev.callq.bench.measure.IntervalLogReader;
import dev.callq.bench.result.CsvTable;
import dev.callq.bench.result.RunSummary;
import dev.callq.bench.result.SummaryJson;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The report rebuilt from two saved runs: SIP load with both clients, synthetic load with Lettuce. */
class RunHtmlTest {
    private static final Pattern EXTERNAL_RESOURCE =
            Pattern.compile("(?i)(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//|@import|url\\(\\s*[\"']?(https?:)?//");

    @TempDir
    Path tmp;

    @Test
    void sipRunReportShowsVerdictChartsAccountingAndEnvironment() throws IOException {
        Path folder = GoldenRuns.copy(GoldenRuns.SIP_BOTH, tmp);

        Path report = RunHtml.write(folder);

        String html = Files.readString(report);
        assertThat(report).isEqualTo(folder.resolve("report.html"));
        assertThat(html).contains("<h1>callq-bench: jedis vs lettuce, 4 workers, blpop, sip load, json payload</h1>")
                .contains("<p class=\"verdict ok\">accounting balanced</p>")
                .contains("<p class=\"headline\">enqueue→dequeue p99 jedis 5.08 ms vs lettuce 48.80 ms; throughput "
                        + "jedis 185 vs lettuce 185 events/s; nothing lost</p>")
                .contains("started 2026-11-26 12:28:36 UTC");
        // spectrum, throughput, p99 and backlog
        assertThat(countOf(html, "<svg")).isEqualTo(4);
        assertThat(html).contains("<tr><th>events</th><th>jedis</th><th>lettuce</th></tr>")
                .contains("<tr><td>expected</td><td>600</td><td>600</td></tr>")
                .contains("<tr><td>consumed</td><td>600</td><td>600</td></tr>")
                .contains("<tr><td>lost</td><td>0</td><td>0</td></tr>")
                .contains("<tr><td>warm-up consumed (not measured)</td><td>400</td><td>400</td></tr>")
                .contains("<tr><td>attempted</td><td>300</td><td>300</td></tr>")
                .contains("<tr><td>jedis</td><td>600</td><td>237</td><td>1024</td><td>5083</td><td>13143</td>")
                .contains("<tr><td>lettuce</td><td>600</td><td>1196</td><td>8823</td><td>48799</td><td>96319</td>");
        assertThat(html).contains("<tr><td>redis</td><td>7.0.15</td><td>7.0.15</td></tr>")
                .contains("<tr><td>kamailio</td><td>5.6.3</td><td>5.6.3</td></tr>")
                .contains("<tr><td>sipp</td><td>3.6.1-SCTP-PCAP-RTPSTREAM</td><td>3.6.1-SCTP-PCAP-RTPSTREAM</td></tr>")
                .contains("<tr><td>version</td><td>8.0.2</td><td>unknown</td></tr>")
                .contains("<tr><td>transport</td><td>-</td><td>epoll</td></tr>")
                .contains("<tr><td>cpus</td><td>2</td><td>2</td></tr>")
                .contains("OpenJDK 64-Bit Server VM 17.0.15+6-Debian-1deb12u1");
        assertThat(html).contains("<p class=\"note\">No warnings.</p>").doesNotContain("missing raw file");
    }

    @Test
    void reportLoadsNothingFromOutside() throws IOException {
        String html = Files.readString(RunHtml.write(GoldenRuns.copy(GoldenRuns.SIP_BOTH, tmp)));

        assertThat(html).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<link")
                .doesNotContainIgnoringCase("<iframe").doesNotContain("<!DOCTYPE svg").doesNotContain("<?xml");
        assertThat(EXTERNAL_RESOURCE.matcher(html).find()).as("an external src, href or url()").isFalse();
    }

    @Test
    void syntheticRunReportShowsProducerAndNoSipCalls() throws IOException {
        String html = Files.readString(RunHtml.write(GoldenRuns.copy(GoldenRuns.SYNTHETIC_LETTUCE, tmp)));

        assertThat(countOf(html, "<svg")).isEqualTo(4);
        assertThat(html).contains("<tr><td>expected</td><td>16000</td></tr>")
                .contains("<tr><td>max backlog (events)</td><td>5</td></tr>")
                .contains("<h2>Producer</h2>").contains("<tr><td>achieved rate (events/s)</td><td>1999.1</td></tr>")
                .contains("<h3>producerLag</h3>").doesNotContain("<h2>SIP calls</h2>");
    }

    @Test
    void unbalancedAccountingIsTheHeadlineAndTheOffendingCellsAreMarked() throws IOException {
        Path folder = GoldenRuns.copy(GoldenRuns.SIP_BOTH, tmp);
        String json = Files.readString(folder.resolve("summary.json"));
        Files.writeString(folder.resolve("summary.json"), json.replaceFirst("\"lost\" : 0", "\"lost\" : 7")
                .replaceFirst("\"warnings\" : \\[ ]", "\"warnings\" : [ \"7 events lost\" ]"));

        String html = Files.readString(RunHtml.write(folder));

        assertThat(html).contains("<p class=\"verdict fail\">accounting NOT balanced: jedis consumed 600 of 600, lost 7")
                .contains("<tr><td>lost</td><td class=\"bad\">7</td><td>0</td></tr>")
                .contains("<div class=\"warnings\">").contains("<li>jedis: 7 events lost</li>");
    }

    @Test
    void summaryMarkdownPutsClientsSideBySide() throws IOException {
        Path folder = GoldenRuns.copy(GoldenRuns.SIP_BOTH, tmp);
        RunHtml.write(folder);

        String md = Files.readString(folder.resolve("summary.md"));

        assertThat(md).contains("✅ **accounting balanced**")
                .contains("| events | jedis | lettuce |\n| --- | ---: | ---: |\n| expected | 600 | 600 |")
                .contains("| enqueueToDequeue p99 (µs) | 5083 | 48799 |")
                .contains("| enqueueToDone p99.9 (µs) | 26271 | 99519 |")
                .contains("| kamailio | 5.6.3 | 5.6.3 |")
                .contains("## Warnings\n\nNone.");
    }

    @Test
    void summaryCsvHasOneRowPerClientWithItsP99() throws IOException {
        Path folder = GoldenRuns.copy(GoldenRuns.SIP_BOTH, tmp);
        RunHtml.write(folder);

        List<Map<String, String>> rows = CsvTable.read(folder.resolve("summary.csv"));

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsEntry("client", "jedis").containsEntry("workers", "4")
                .containsEntry("pattern", "blpop").containsEntry("payload", "json").containsEntry("load", "sip")
                .containsEntry("expected", "600").containsEntry("consumed", "600").containsEntry("p99Micros", "5083");
        assertThat(rows.get(1)).containsEntry("client", "lettuce").containsEntry("p99Micros", "48799");
    }

    @Test
    void intervalLogCumulatedTagByTagGivesTheSummaryPercentiles() {
        Path folder = GoldenRuns.copy(GoldenRuns.SYNTHETIC_LETTUCE, tmp);
        RunSummary summary = SummaryJson.read(folder);

        Map<String, Histogram> byTag = IntervalLogReader.cumulativeByTag(folder.resolve("lettuce.hlog"));

        assertThat(byTag).containsOnlyKeys("enqueueToDequeue", "enqueueToDone", "producerLag");
        var expected = summary.clients().get(0).latencyMicros().get("enqueueToDequeue");
        Histogram e2d = byTag.get("enqueueToDequeue");
        assertThat(e2d.getTotalCount()).isEqualTo(expected.count());
        assertThat(e2d.getValueAtPercentile(99)).isEqualTo(expected.p99());
        assertThat(e2d.getMaxValue()).isEqualTo(expected.max());
        assertThat(byTag.get("producerLag").getTotalCount())
                .isEqualTo(summary.clients().get(0).producer().lagMicros().count());
    }

    @Test
    void missingRawFilesAreReportedNotFatal() throws IOException {
        Path folder = GoldenRuns.copy(GoldenRuns.SYNTHETIC_LETTUCE, tmp);
        Files.delete(folder.resolve("lettuce.hlog"));

        String html = Files.readString(RunHtml.write(folder));

        assertThat(html).contains("<li>missing raw file, lettuce: interval log lettuce.hlog</li>")
                .contains("no enqueueToDequeue intervals in the interval logs");
        assertThat(countOf(html, "<svg")).isEqualTo(3);
    }

    @Test
    void unreadableRawFilesAreReportedNotFatal() throws IOException {
        Path folder = GoldenRuns.copy(GoldenRuns.SYNTHETIC_LETTUCE, tmp);
        String hlog = Files.readString(folder.resolve("lettuce.hlog"));
        Files.writeString(folder.resolve("lettuce.hlog"), hlog.substring(0, hlog.length() - 40));
        Files.writeString(folder.resolve("lettuce-timeseries.csv"), "epochSecond,consumedPerSec\n1,2.0\n");

        String html = Files.readString(RunHtml.write(folder));

        assertThat(html).contains("<li>missing raw file, lettuce: interval log " + folder.resolve("lettuce.hlog")
                        + " is truncated or corrupt after")
                .contains("<li>missing raw file, lettuce: " + folder.resolve("lettuce-timeseries.csv")
                        + " has no backlog column")
                .contains("no time series to draw");
    }

    @Test
    void spectrumAxisIsLabelledInNines() {
        assertThat(Charts.ninesLabel(0.0)).isEqualTo("0%");
        assertThat(Charts.ninesLabel(1.0)).isEqualTo("90%");
        assertThat(Charts.ninesLabel(2.0)).isEqualTo("99%");
        assertThat(Charts.ninesLabel(3.0)).isEqualTo("99.9%");
        assertThat(Charts.ninesLabel(4.0)).isEqualTo("99.99%");
        assertThat(Charts.ninesLabel(2.5)).isEmpty();
    }

    private static int countOf(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }
}
