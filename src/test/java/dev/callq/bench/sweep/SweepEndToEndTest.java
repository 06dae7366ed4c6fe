package dev.callq.bench.sweep;

import dev.callq.bench.testkit.StartsEarly;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callq.bench.testkit.CallqProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.callq.bench.testkit.Json.required;

/**
 * {@code callq sweep} for real, as a user runs it (a JVM of its own, so that this class runs beside others): forked
 * cells against a real redis-server. Dry runs and refused files: {@link SweepDryRunTest}.
 */
@StartsEarly
@Tag("processes")
class SweepEndToEndTest {
    /** Two cells of one client (2 and 4 workers): {@link SweepDryRunTest#TINY}. */
    private static final String TINY = SweepDryRunTest.TINY;
    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void eachCellRunsInItsOwnFolderAndTheSweepFilesHaveOneBalancedRowPerCell() throws Exception {
        Path out = dir.resolve("out");

        CallqProcess.Outcome sweepRun = CallqProcess.run(dir, Map.of(), List.of("sweep", write(TINY).toString(),
                "--out", out.toString()), Duration.ofSeconds(110));

        assertThat(sweepRun.exitCode()).as(() -> "sweep exit: " + sweepRun.stderr() + "; cells: "
                + readOrEmpty(out.resolve("sweep.csv"))).isZero();
        JsonNode sweep = new ObjectMapper().readTree(out.resolve("sweep.json").toFile());
        assertThat(required(sweep, "/spec/name").asText()).isEqualTo("tiny");
        assertThat(required(sweep, "/provenance/commandLine").asText()).isEqualTo("callq sweep " + write(TINY) + " --out " + out);
        assertThat(required(sweep, "/provenance/machine/cores").asInt()).isPositive();
        JsonNode cells = sweep.get("cells");
        assertThat(cells).hasSize(2);
        for (int i = 0; i < 2; i++) {
            JsonNode cell = cells.get(i);
            assertThat(cell.get("workers").asInt()).isEqualTo(i == 0 ? 2 : 4);
            assertThat(cell.get("trustworthy").asBoolean()).isTrue();
            assertThat(cell.get("eventsExpected").asLong()).isBetween(490L, 510L);
            assertThat(cell.get("eventsLost").asLong()).isZero();
            assertThat(cell.get("eventsDuplicates").asLong()).isZero();
            assertThat(cell.get("eventsLeftInQueue").asLong()).isZero();
            assertThat(cell.get("producerAchievedRatePerSec").asDouble()).isGreaterThan(490);
            assertThat(cell.get("enqueueToDequeueP99Micros").asLong())
                    .isGreaterThanOrEqualTo(cell.get("enqueueToDequeueP50Micros").asLong());
            Path folder = out.resolve(cell.get("folder").asText());
            assertThat(folder.resolve("summary.json")).exists();
            assertThat(folder.resolve("jedis.hlog")).exists();
            JsonNode summary = new ObjectMapper().readTree(folder.resolve("summary.json").toFile());
            assertThat(required(summary, "/clients/0/events/consumed").asLong()).isEqualTo(cell.get("eventsExpected").asLong());
            assertThat(required(summary, "/provenance/commandLine").asText()).startsWith("callq run ")
                    .endsWith("--out " + folder);
            for (String part : List.of("Producer", "Redis", "Client")) {
                String name = part.toLowerCase(Locale.ROOT);
                assertThat(cell.get("split" + part + "P50Micros").asLong()).as(name + " p50")
                        .isEqualTo(required(summary, "/clients/0/latencySplit/" + name + "/p50Micros").asLong());
                assertThat(cell.get("split" + part + "P99Micros").asLong()).as(name + " p99")
                        .isEqualTo(required(summary, "/clients/0/latencySplit/" + name + "/p99Micros").asLong());
            }
        }
        List<String> csv = Files.readAllLines(out.resolve("sweep.csv"));
        assertThat(csv).hasSize(3);
        assertThat(csv.get(0)).startsWith("index,name,client,pattern,workers,rate,");
        assertThat(csv.get(1)).startsWith("1,01-jedis-blpop-w2-r500-none-1,jedis,blpop,2,500,");
        assertThat(csv.get(2)).startsWith("2,02-jedis-blpop-w4-r500-none-1,jedis,blpop,4,500,");
        assertThat(Files.readString(out.resolve("report.html")))
                .contains("Cost per 1,000 events and where the latency goes", "client (µs)");
    }

    @Test
    @Timeout(120)
    void aCellWithAFaultMakesAGuaranteeRowThatSaysWhetherRedisCountersAgree() throws Exception {
        Path out = dir.resolve("out");
        String crash = """
                name: crash
                load: synthetic
                phases: {warmupSeconds: 0.5, durationSeconds: 2, drainTimeoutSeconds: 10}
                options: {producer-connections: 1, warmup-max: 1}
                axes:
                  clients: [jedis]
                  patterns: [reliable]
                  workers: [2]
                  rates: [200]
                  serviceTimes: ['fixed:1ms']
                  faults: ['consumer-crash:1@1s']
                """;

        CallqProcess.run(dir, Map.of(), List.of("sweep", write(crash).toString(), "--out", out.toString()),
                Duration.ofSeconds(110));

        JsonNode cell = new ObjectMapper().readTree(out.resolve("sweep.json").toFile()).get("cells").get(0);
        assertThat(cell.get("promiseKept").asBoolean()).as(cell.toString()).isTrue();
        assertThat(cell.get("eventsLost").asLong()).isZero();
        assertThat(cell.get("crossChecks").asText()).isEqualTo("yes: events left, rpush calls, lrem calls");
        assertThat(Files.readString(out.resolve("report.html"))).contains("Redis's counters agree",
                "yes: events left, rpush calls, lrem calls");
    }

    private static String readOrEmpty(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "(no " + file + ")";
        }
    }

    private Path write(String yaml) throws Exception {
        return Files.writeString(dir.resolve("sweep.yaml"), yaml);
    }
}
