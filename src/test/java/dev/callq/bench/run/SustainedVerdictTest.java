package dev.callq.bench.run;

import dev.callq.bench.testkit.ChildProcesses;
import dev.callq.bench.testkit.Console;
import com.fasterxml.jackson.databind.JsonNode;
import dev.callq.bench.ExitCode;
import dev.callq.bench.cli.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every run says whether its load was sustained: one worker with 2 ms of work per event (500 events/s at
 * best) offered 2,000 events/s falls behind from the first second, and its console, summary.json, summary.md
 * and report.html lead with NOT SUSTAINED and the figures, exit 3; a small run is sustained and exits 0, and a
 * threshold can require it.
 */
@Isolated("a small run must be judged sustained; and it captures the console")
@Tag("processes")
class SustainedVerdictTest {
    @TempDir
    Path outDir;

    @AfterEach
    void nothingStartedIsStillRunning() {
        assertThat(ChildProcesses.aliveUnder(outDir)).isEmpty();
    }

    @Test
    void anOverloadedRunSaysNotSustainedEverywhereAndExitsUntrustworthy() throws Exception {
        // The backlog it leaves (about 3,000 events) would take 6 s to drain: a second of it shows the drain.
        Console.Captured console = Console.capture(() -> Main.execute("run", "--load", "synthetic", "--client", "jedis",
                "--workers", "1", "--rate", "2000", "--service-time", "fixed:2ms", "--duration", "2", "--warmup", "0.5",
                "--warmup-max", "1", "--drain-timeout", "1", "--out", outDir.toString()));

        assertThat(console.exitCode()).isEqualTo(ExitCode.UNTRUSTWORTHY);
        JsonNode sustained = required(new SummaryTree(outDir).client("jedis"), "sustained");
        assertThat(required(sustained, "verdict").asText()).isEqualTo("NOT SUSTAINED");
        double offered = required(sustained, "offeredPerSec").asDouble();
        double consumed = required(sustained, "consumedDuringMeasurePerSec").asDouble();
        assertThat(consumed).isLessThan(0.9 * offered);
        assertThat(required(sustained, "backlogGrowthPerSecond").asDouble()).isPositive();
        assertThat(required(new SummaryTree(outDir).client("jedis"), "throughputPerSec").asDouble())
                .as("throughput is the measured phase's, the drain apart").isEqualTo(consumed);
        assertThat(required(required(new SummaryTree(outDir).client("jedis"), "drain"), "events").asLong()).isPositive();
        assertThat(console.stdout()).startsWith("\njedis: NOT SUSTAINED: offered ");
        assertThat(Files.readString(outDir.resolve("report.html")))
                .contains("<title>callq-bench: jedis, NOT SUSTAINED</title>")
                .contains("<p class=\"verdict fail\">jedis NOT SUSTAINED: offered ");
        assertThat(Files.readString(outDir.resolve("summary.md"))).contains("❌ **jedis NOT SUSTAINED: offered ");
    }

    @Test
    void aSmallRunIsSustainedAndAThresholdCanRequireIt() throws Exception {
        Console.Captured console = Console.capture(() -> Main.execute("run", "--load", "synthetic", "--client", "jedis",
                "--workers", "2", "--rate", "200", "--duration", "2", "--warmup", "0", "--threshold", "sustained",
                "--out", outDir.toString()));

        assertThat(console.exitCode()).isEqualTo(ExitCode.OK);
        JsonNode sustained = required(new SummaryTree(outDir).client("jedis"), "sustained");
        assertThat(required(sustained, "verdict").asText()).isEqualTo("sustained");
        assertThat(required(sustained, "reasons").size()).isZero();
        assertThat(console.stdout()).contains("✓ jedis sustained 1 (sustained)")
                .doesNotContain("NOT SUSTAINED");
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        assertThat(value).as("field '" + field + "' in " + node).isNotNull();
        return value;
    }
}
