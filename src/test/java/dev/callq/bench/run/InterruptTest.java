package dev.callq.bench.run;

import dev.callq.bench.testkit.CallqProcess;
import dev.callq.bench.ExitCode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stopping a SIP run midway (Ctrl-C, or a CI job cancelled) stops redis-server, Kamailio and both SIPp
 * processes. The test sends SIGTERM: a JVM started in the background inherits an ignored SIGINT, and
 * both signals run the same shutdown hooks.
 */
@Tag("processes")
class InterruptTest {
    @TempDir
    Path tmp;

    @Test
    void stoppingARunMidwayStopsEveryProcessItStarted() throws Exception {
        Process callq = CallqProcess.start(tmp.resolve("callq.log"), List.of(),
                "run", "--client", "jedis", "--rate", "100", "--calls", "3000", "--warmup", "0",
                "--out", tmp.resolve("out").toString());
        try {
            awaitChildren(callq, List.of("redis-server", "kamailio", "sipp"));
            List<ProcessHandle> started = callq.descendants().toList();

            callq.destroy();

            assertThat(callq.waitFor(30, TimeUnit.SECONDS)).as("callq exited").isTrue();
            for (ProcessHandle child : started) {
                child.onExit().get(10, TimeUnit.SECONDS);
                assertThat(child.isAlive()).as("%s still running", child.info().commandLine().orElse("?")).isFalse();
            }
            // Orphans are no one's descendants: look for anything still naming this run's folder.
            assertThat(ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                    .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
                    .filter(line -> line.contains(tmp.toString()))).isEmpty();
            String log = Files.readString(tmp.resolve("callq.log"));
            assertThat(log).contains("callq: stopping").doesNotContain("\tat ");
            assertThat(callq.exitValue()).as("exit status of a stopped run").isEqualTo(ExitCode.INTERRUPTED);
        } finally {
            CallqProcess.killWithChildren(callq);
        }
    }

    /** No shutdown hook runs after kill -9 of callq (or the OOM killer): its children must not run on. */
    @Test
    void killingTheHarnessLeavesNoChildRunning() throws Exception {
        Path out = tmp.resolve("out");
        Process callq = CallqProcess.start(tmp.resolve("callq.log"), List.of(),
                "run", "--client", "jedis", "--rate", "100", "--calls", "3000", "--warmup", "0",
                "--out", out.toString());
        List<ProcessHandle> started = List.of();
        try {
            RedisFaultTest.awaitMeasuring(out, "jedis");
            // Kill once the measured phase's SIPp UAC has started, so that every kind of child is there to check.
            long uacDeadlineNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (callq.descendants().noneMatch(p -> p.info().commandLine().orElse("").contains("call-%u"))
                    && System.nanoTime() < uacDeadlineNanos) {
                Thread.sleep(50);
            }
            Thread.sleep(200);
            // redis-server renames itself and runs as its link target, redis-check-rdb: find it among callq's children.
            started = callq.descendants().toList();
            assertThat(started).extracting(p -> p.info().commandLine().orElse(""))
                    .anyMatch(line -> line.contains("kamailio")).anyMatch(line -> line.contains("sipp"))
                    .anyMatch(line -> line.contains("redis"));

            callq.destroyForcibly();
            assertThat(callq.waitFor(10, TimeUnit.SECONDS)).as("callq killed").isTrue();

            long deadlineNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while ((!runningInFolder().isEmpty() || started.stream().anyMatch(ProcessHandle::isAlive))
                    && System.nanoTime() < deadlineNanos) {
                Thread.sleep(100);
            }
            assertThat(runningInFolder()).as("processes left 5 s after callq was killed").isEmpty();
            assertThat(started.stream().filter(ProcessHandle::isAlive)
                    .map(p -> p.pid() + " " + p.info().commandLine().orElse("")))
                    .as("callq's children 5 s after it was killed").isEmpty();
        } finally {
            callq.destroyForcibly();
            ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(tmp.toString()))
                    .forEach(ProcessHandle::destroyForcibly);
            started.forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** Orphans are no one's descendants: anything still naming this test's folder. */
    private List<String> runningInFolder() {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
                .filter(line -> line.contains(tmp.toString()))
                .toList();
    }

    private static void awaitChildren(Process parent, List<String> names) throws InterruptedException {
        long deadlineNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadlineNanos) {
            List<String> running = parent.descendants()
                    .map(p -> p.info().command().map(c -> Path.of(c).getFileName().toString()).orElse(""))
                    .toList();
            // redis-server runs as its link target, redis-check-rdb: match on the start of the name.
            if (names.stream().allMatch(name -> running.stream().anyMatch(c -> c.startsWith(name.split("-")[0])))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the run did not start " + names + " within 60 s");
    }
}
