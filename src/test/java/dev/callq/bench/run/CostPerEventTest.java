package dev.callq.bench.run;

import dev.callq.bench.options.RunOptions;
import com.fasterxml.jackson.databind.JsonNode;
import dev.callq.bench.cli.Main;
import dev.callq.bench.testkit.NoProcessLeftBehind;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.callq.bench.testkit.Json.required;
import static org.assertj.core.api.Assertions.within;

/**
 * Cost per 1,000 events, from two short runs of one client settings file that differ only in how the
 * work is done: 1 ms of spinning costs the CPU that 1 ms of sleeping does not. The spinning run is
 * profiled too (--profile), and the settings file's settings are recorded in both.
 */
@Isolated("it compares the CPU time workers spend per event")
@Tag("processes")
@ExtendWith(NoProcessLeftBehind.class)
class CostPerEventTest {
    private static final String CLIENT = "benchmarks/clients/lettuce-4-io-threads.yaml";
    private static final String LABEL = "lettuce:4-io-threads";

    @TempDir
    Path outDir;

    @Test
    void spinningWorkCostsMoreConsumerCpuPerEventThanSleepingWorkAndItsProfileShowsTheSpin() throws Exception {
        JsonNode sleep = run("sleep");
        JsonNode spin = run("spin", "--profile");

        for (JsonNode result : new JsonNode[] {sleep, spin}) {
            assertThat(required(result, "/cost/events").asLong()).isEqualTo(required(result, "/events/consumed").asLong());
            assertThat(required(result, "/cost/jvmUserCpuMsPer1k").asDouble()).isPositive();
            assertThat(required(result, "/cost/workerCpuMsPer1k").asDouble()).isPositive();
            assertThat(required(result, "/cost/jvmAllocatedKbPer1k").asDouble()).isPositive();
            assertThat(required(result, "/cost/workerAllocatedKbPer1k").asDouble()).isPositive()
                    .isLessThanOrEqualTo(required(result, "/cost/jvmAllocatedKbPer1k").asDouble());
            assertThat(result.at("/cost/redisUserCpuMsPer1k").isNumber()).isTrue();
            assertThat(required(result, "/clientEnvironment/settingsFile").asText()).isEqualTo(CLIENT);
            assertThat(required(result, "/clientEnvironment/settings").asText())
                    .isEqualTo("computationThreadPoolSize=4, ioThreadPoolSize=4");
            assertThat(required(result, "/clientEnvironment/ioThreads").asText()).isEqualTo("4");
            assertSplitByThreadGroup(result);
        }
        // 1,000 events × 1 ms spun is 1,000 ms of worker CPU; sleeping them costs a small fraction of that.
        assertThat(required(spin, "/cost/workerCpuMsPer1k").asDouble()).isGreaterThan(400);
        assertThat(required(spin, "/cost/workerCpuMsPer1k").asDouble())
                .isGreaterThan(2 * required(sleep, "/cost/workerCpuMsPer1k").asDouble());
        // The JVM's figure holds the workers' and more (client I/O threads, producer, JIT, GC). Compared between
        // the two runs it is too noisy for a run this short: the JIT alone adds hundreds of ms.
        assertThat(required(spin, "/cost/jvmUserCpuMsPer1k").asDouble() + required(spin, "/cost/jvmSystemCpuMsPer1k").asDouble())
                .isGreaterThanOrEqualTo(required(spin, "/cost/workerCpuMsPer1k").asDouble() * 0.95);
        assertThat(Files.readString(outDir.resolve("spin/summary.md"))).contains("## Cost per 1,000 events")
                .contains("producer: CPU, user (ms)").contains("workers: allocation (KiB)")
                .contains("GC, JIT and VM threads: CPU (ms)");

        // The spinning run was profiled: its JFR file was written, and the report read its samples back.
        assertThat(required(spin, "/clientEnvironment/profile").asText()).isEqualTo(LABEL + ".jfr");
        assertThat(outDir.resolve("spin").resolve(LABEL + ".jfr")).isNotEmptyFile();
        String report = Files.readString(outDir.resolve("spin/summary.md"));
        assertThat(report).contains("## Profile: " + LABEL + " (JFR, " + LABEL + ".jfr)");
        // Two workers spinning 1 ms per event at 400 events/s: 0.4 of a core in Work.spinNanos. JFR samples it
        // sparsely (at 500 µs an event, 3 or 4 samples of about 115, and once none): 1 ms gives 8 to 16.
        assertThat(report).containsPattern("\\| (dev\\.callq\\.bench\\.work\\.Work\\.spinNanos|java\\.lang\\.System\\.nanoTime|java\\.lang\\.Thread\\.onSpinWait) +\\| [0-9]+");
    }

    /**
     * The JVM's CPU and allocation split by group: the producer's lanes (ended before the cost was read, so counted
     * by their last reading), the workers, Lettuce's event loops, the harness's own threads.
     */
    private static void assertSplitByThreadGroup(JsonNode result) {
        JsonNode threads = required(result, "/cost/threads");
        // Each lane writes on one thread and reads its replies on another.
        assertThat(required(threads, "/producer/threads").asInt()).isEqualTo(2 * RunOptions.defaults().producerConnections);
        assertThat(required(threads, "/producer/userCpuMsPer1k").asDouble()
                + required(threads, "/producer/systemCpuMsPer1k").asDouble()).isPositive();
        assertThat(required(threads, "/producer/allocatedKbPer1k").asDouble()).isPositive();
        assertThat(required(threads, "/workers/threads").asInt()).isEqualTo(2);
        assertThat(required(threads, "/workers/userCpuMsPer1k").asDouble()
                + required(threads, "/workers/systemCpuMsPer1k").asDouble())
                .isCloseTo(required(result, "/cost/workerCpuMsPer1k").asDouble(), within(0.01));
        assertThat(required(threads, "/clientIo/threads").asInt()).isPositive();
        assertThat(required(threads, "/harness/userCpuMsPer1k").asDouble()).isNotNegative();
        double allocatedKb = 0;
        for (JsonNode group : threads) {
            allocatedKb += required(group, "/allocatedKbPer1k").asDouble();
        }
        assertThat(allocatedKb).isCloseTo(required(result, "/cost/jvmAllocatedKbPer1k").asDouble(), within(0.1));
        assertThat(required(result, "/cost/untrackedCpuMsPer1k").isNumber()).isTrue();
    }

    private JsonNode run(String work, String... extra) throws Exception {
        Path dir = outDir.resolve(work);
        List<String> args = new ArrayList<>(List.of("run", "--load", "synthetic", "--client", CLIENT, "--workers", "2",
                "--rate", "400", "--duration", "2", "--warmup", "0.5", "--warmup-max", "1",
                "--service-time", "fixed:1ms", "--work", work, "--out", dir.toString()));
        args.addAll(List.of(extra));
        int exit = Main.execute(args.toArray(String[]::new));
        assertThat(exit).isZero();
        return new SummaryTree(dir).client(LABEL);
    }
}
