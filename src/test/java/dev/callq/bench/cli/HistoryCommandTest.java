package dev.callq.bench.cli;

import dev.callq.bench.ExitCode;
import dev.callq.bench.testkit.CallqProcess;
import dev.callq.bench.testkit.CallqProcess.Outcome;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code callq history} on the golden results folders: no process but the CLI's own JVM. */
@Tag("processes")
class HistoryCommandTest {
    private static final Path SIP_BOTH = Path.of("src/test/resources/golden/sip-both");

    @TempDir
    Path tmp;

    @Test
    void appendsOneLinePerCellAndReportsEachCellsTrend() throws Exception {
        Path history = tmp.resolve("history");
        for (String commit : List.of("aaa111", "bbb222")) {
            Outcome added = history("history", history.toString(), "--add", SIP_BOTH.toString(), "--commit", commit,
                    "--out", tmp.resolve("report").toString());
            assertThat(added.exitCode()).as(added.stderr()).isEqualTo(ExitCode.OK);
        }
        List<String> jedis = Files.readAllLines(history.resolve("jedis-sip-blpop-w4-100-s-json.jsonl"));
        assertThat(jedis).hasSize(2);
        assertThat(jedis.get(1)).contains("\"commit\":\"bbb222\"", "\"p50EnqueueToDoneMicros\":", "\"lost\":0");
        String markdown = Files.readString(tmp.resolve("report/history.md"), StandardCharsets.UTF_8);
        assertThat(markdown).contains("No change point.", "| jedis sip blpop w4 @100/s | p99 enqueue→done (µs) | 2 |",
                "| lettuce sip blpop w4 @100/s | throughput (events/s) | 2 |");
        assertThat(Files.readString(tmp.resolve("report/report.html"))).contains("<svg", "aaa111", "bbb222");
    }

    @Test
    void theGateNeedsTheRunItJudges() throws Exception {
        Outcome outcome = history("history", tmp.toString(), "--gate");
        assertThat(outcome.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(outcome.stderr().strip()).isEqualTo("callq: error: --gate judges the run that --add appends: give --add RESULTS");
    }

    @Test
    void aBrokenHistoryLineIsOneLineNamingWhere() throws Exception {
        Path history = Files.createDirectories(tmp.resolve("broken"));
        Files.writeString(history.resolve("jedis.jsonl"), "{\"schema\":1,\"time\":\"2026-12-07T09:00:00Z\"}\n");
        Outcome outcome = history("history", history.toString());
        assertThat(outcome.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(outcome.stderr().lines()).singleElement().asString().endsWith("jedis.jsonl:1: the history line has no commit");
    }

    @Test
    void aChangeThatIsNotAPercentageIsRefused() throws Exception {
        Outcome outcome = history("history", tmp.toString(), "--min-change", "5");
        assertThat(outcome.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(outcome.stderr().strip()).isEqualTo("callq: error: --min-change '5' is not a percentage like 5%");
    }

    private Outcome history(String... args) throws IOException, InterruptedException {
        return CallqProcess.run(tmp, Map.of(), List.of(args));
    }
}
