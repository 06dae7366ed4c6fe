package dev.callq.bench.run;

import dev.callq.bench.testkit.CallqProcess;
import dev.callq.bench.result.Timeseries;
import com.fasterxml.jackson.databind.JsonNode;
import dev.callq.bench.ExitCode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.callq.bench.run.DeadPartTest.required;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM (a CI job cancelled; Ctrl-C runs the same shutdown hooks, but a JVM started in the background
 * ignores SIGINT) in the middle of a measured SIP run: the run writes summary.json with what it measured and
 * {@code failure: interrupted}, and the JVM exits with 130 within seconds, not after the 15 s grace it had.
 */
@Tag("processes")
class StopSignalTest {
    /** Loose: a few seconds on a quiet machine; a machine loaded 15 times over its cores took 11 s. */
    private static final Duration GONE_WITHIN = Duration.ofSeconds(12);
    /**
     * How long a JVM may take to reach the phase a test stops it in: at a load average of 25 on two cores, a
     * JVM under nice took 60 s and more to start a run.
     */
    private static final Duration STARTED_WITHIN = Duration.ofSeconds(150);

    @TempDir
    Path tmp;

    @Test
    void sigtermMidRunWritesTheSummaryAndExitsWithinSeconds() throws Exception {
        Path out = tmp.resolve("out");
        Process callq = CallqProcess.start(tmp.resolve("callq.log"), List.of(),
                "run", "--client", "lettuce", "--workers", "2", "--rate", "50", "--calls", "1000", "--warmup", "0",
                "--out", out.toString());
        try {
            RedisFaultTest.awaitMeasuring(out, "lettuce");
            DeadPartTest.awaitSippCounts(out.resolve("logs/lettuce"));
            Thread.sleep(1_000);
            List<ProcessHandle> started = callq.descendants().toList();

            long stopNanos = System.nanoTime();
            callq.destroy();

            assertThat(callq.waitFor(60, TimeUnit.SECONDS)).as("callq exited").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - stopNanos)).as("from SIGTERM to the JVM's exit")
                    .isLessThan(GONE_WITHIN);
            assertThat(callq.exitValue()).as("exit status of a stopped run").isEqualTo(ExitCode.INTERRUPTED);
            for (ProcessHandle child : started) {
                child.onExit().get(10, TimeUnit.SECONDS);
            }
            String log = Files.readString(tmp.resolve("callq.log"));
            assertThat(log).doesNotContain("sampling failed").contains("summary.json holds what was measured");
            JsonNode result = new SummaryTree(out).client("lettuce");
            assertThat(required(result, "/failure").asText()).startsWith("interrupted");
            assertThat(required(result, "/calls/attempted").asLong()).as("calls attempted").isPositive();
            assertThat(required(result, "/events/consumed").asLong()).as("events consumed").isPositive();
        } finally {
            CallqProcess.killWithChildren(callq);
        }
    }

    /**
     * SIGTERM while the warm-up runs: nothing was measured yet, but the run still says so in summary.json,
     * rather than leaving no results folder to say why.
     */
    @Test
    void sigtermDuringTheWarmupWritesTheSummaryAsInterrupted() throws Exception {
        Path out = tmp.resolve("out");
        // callq's own logging configuration, not the tests' (warnings only): its progress says when the warm-up began.
        Process callq = CallqProcess.start(tmp.resolve("callq.log"), List.of("-Dlogback.configurationFile=logback.xml"),
                "run", "--load", "synthetic", "--client", "lettuce", "--workers", "2", "--rate", "200",
                "--duration", "5", "--warmup", "30", "--out", out.toString());
        try {
            awaitLine(tmp.resolve("callq.log"), "warm-up (");
            Thread.sleep(1_000);

            long stopNanos = System.nanoTime();
            callq.destroy();

            assertThat(callq.waitFor(60, TimeUnit.SECONDS)).as("callq exited").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - stopNanos)).as("from SIGTERM to the JVM's exit")
                    .isLessThan(GONE_WITHIN);
            assertThat(callq.exitValue()).as("exit status of a stopped run").isEqualTo(ExitCode.INTERRUPTED);
            String log = Files.readString(tmp.resolve("callq.log"));
            assertThat(log).contains("summary.json holds what was measured").doesNotContain("\tat ");
            JsonNode result = new SummaryTree(out).client("lettuce");
            assertThat(required(result, "/failure").asText()).startsWith("interrupted");
            assertThat(required(result, "/events/consumed").asLong()).as("nothing measured").isZero();
        } finally {
            CallqProcess.killWithChildren(callq);
        }
    }

    /** SIGTERM to callq plan while it waits on a forked cell: the fork is stopped, and plan exits 130 with it. */
    @Test
    void sigtermToPlanStopsItsForkedCellAndExits130() throws Exception {
        Path out = tmp.resolve("plan");
        Process callq = CallqProcess.start(tmp.resolve("callq.log"), List.of(),
                "plan", "--rate", "200", "--slo", "p99=200ms", "--service-time", "exp:10ms", "--client", "jedis",
                "--sweep-workers", "1,2,4,8", "--sweep-warmup", "0", "--sweep-seconds", "20", "--ceiling-seconds", "20",
                "--out", out.toString());
        try {
            // Once a forked cell measures (its time series begun): a JVM stopped while it still starts can take
            // its whole grace to end on a starved machine, which says nothing of how plan stops.
            String series = Timeseries.file(Path.of("."), "jedis").getFileName().toString();
            long deadlineNanos = System.nanoTime() + STARTED_WITHIN.toNanos();
            while (!Files.isDirectory(out.resolve("runs")) || !measuring(out.resolve("runs"), series)) {
                assertThat(callq.isAlive()).as("plan running: " + Files.readString(tmp.resolve("callq.log"))).isTrue();
                assertThat(System.nanoTime()).as("a forked cell measuring within " + STARTED_WITHIN)
                        .isLessThan(deadlineNanos);
                Thread.sleep(100);
            }
            Thread.sleep(1_000);
            List<ProcessHandle> started = callq.descendants().toList();

            long stopNanos = System.nanoTime();
            callq.destroy();

            assertThat(callq.waitFor(60, TimeUnit.SECONDS)).as("callq plan exited").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - stopNanos)).as("from SIGTERM to plan's exit")
                    .isLessThan(GONE_WITHIN);
            assertThat(callq.exitValue()).as("exit status of a stopped plan").isEqualTo(ExitCode.INTERRUPTED);
            for (ProcessHandle child : started) {
                child.onExit().get(10, TimeUnit.SECONDS);
            }
            assertThat(Files.readString(tmp.resolve("callq.log"))).doesNotContain("\tat ");
        } finally {
            CallqProcess.killWithChildren(callq);
        }
    }

    private static boolean measuring(Path runs, String series) throws java.io.IOException {
        try (var files = Files.walk(runs)) {
            return files.anyMatch(file -> file.getFileName().toString().equals(series));
        }
    }

    private static void awaitLine(Path log, String text) throws Exception {
        long deadlineNanos = System.nanoTime() + STARTED_WITHIN.toNanos();
        while (!Files.exists(log) || !Files.readString(log).contains(text)) {
            assertThat(System.nanoTime()).as("'" + text + "' in the log within " + STARTED_WITHIN).isLessThan(deadlineNanos);
            Thread.sleep(100);
        }
    }
}
