package dev.callq.bench.sweep;

import dev.callq.bench.ExitCode;
import dev.callq.bench.cli.Main;
import dev.callq.bench.testkit.Console;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code callq sweep --dry-run}, and sweep files refused before any cell runs: nothing is started. */
class SweepDryRunTest {
    /** A sweep of two short cells, also run for real by {@link SweepEndToEndTest}. */
    static final String TINY = """
            name: tiny
            load: synthetic
            phases: {warmupSeconds: 0.5, durationSeconds: 1, drainTimeoutSeconds: 10}
            options: {producer-connections: 1, warmup-max: 1}
            axes:
              clients: [jedis]
              workers: [2, 4]
              rates: [500]
            """;

    @TempDir
    Path dir;

    @Test
    void aDryRunListsTheCellsAndRunsNothing() throws Exception {
        Path out = dir.resolve("out");
        Console.Captured console = Console.capture(() -> Main.execute("sweep", write(TINY).toString(), "--dry-run",
                "--out", out.toString()));

        assertThat(console.exitCode()).isZero();
        assertThat(out).doesNotExist();
        // Per cell: 8 s to start, 1 s measured, and the warm-up: 0.5 s and what the JIT adds to it (usually 5 s),
        // but here at most its warmup-max of 1 s.
        assertThat(console.stdout()).contains("tiny: 2 cells, about 0:20",
                "01-jedis-blpop-w2-r500-none-1  callq run --client jedis --workers 2 --load synthetic",
                "02-jedis-blpop-w4-r500-none-1");
    }

    /** benchmarks/faults.yaml: its faults axis multiplies the cells, each with its --fault arguments. */
    @Test
    void aDryRunOfTheFaultsSweepListsACellPerFault() throws Exception {
        Path out = dir.resolve("out");
        Console.Captured console = Console.capture(() -> Main.execute("sweep", "benchmarks/faults.yaml", "--dry-run",
                "--out", out.toString()));

        assertThat(console.exitCode()).isZero();
        String listing = console.stdout();
        assertThat(listing).contains("faults: 24 cells",
                "01-jedis-blpop-w4-r500-fixed2ms-1-consumer_crash_1_3s  callq run --client jedis",
                "--fault consumer-crash:1@3s", "--fault redis-restart@3s", "--fault redis-pause:3s@3s",
                "--fault redis-failover@3s", "--redis-persistence aof-always",
                "24-lettuce-stream-w4-r500-fixed2ms-1-redis_failover_3s");
    }

    @Test
    void aValueCallqRunWouldRefuseStopsTheSweepBeforeAnyCellRuns() throws Exception {
        assertRefused(TINY.replace("rates: [500]", "rates: [500]\n  patterns: [pop]"),
                "cell 01-jedis-pop-w2-r500-none-1: --pattern must be one of blpop, reliable, batch, stream, not 'pop'");
        assertRefused(TINY.replace("producer-connections: 1", "producer-conections: 1"),
                "Unknown options: '--producer-conections'");
        assertRefused(TINY.replace("clients: [jedis]", "clients: [glide]"), "unknown client 'glide'");
        assertRefused(TINY.replace("rates: [500]", "rates: [fast/worker]"), "must be <events/s>/worker");
    }

    private void assertRefused(String yaml, String message) throws Exception {
        Path out = dir.resolve("refused");
        Console.Captured console = Console.capture(() -> Main.execute("sweep", write(yaml).toString(), "--out",
                out.toString()));
        assertThat(console.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(console.stderr()).contains(message).hasLineCount(1);
        assertThat(out).doesNotExist();
    }

    private Path write(String yaml) throws Exception {
        return Files.writeString(dir.resolve("sweep.yaml"), yaml);
    }
}
