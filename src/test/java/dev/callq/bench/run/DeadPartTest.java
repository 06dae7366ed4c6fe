package dev.callq.bench.run;

import dev.callq.bench.testkit.ChildProcesses;
import com.fasterxml.jackson.databind.JsonNode;
import dev.callq.bench.ExitCode;
import dev.callq.bench.cli.Main;
import dev.callq.bench.env.LocalRedis;
import dev.callq.bench.sip.SippStats;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A part of the run that dies mid-run (Kamailio, the SIPp UAC or UAS, Redis) is noticed within seconds and named in
 * {@code failure} with the time, the load stops, and the summary keeps what was measured, the calls block
 * included. Before, a dead Kamailio or UAS left the run waiting for SIPp's 55 s timeout, and a dead Redis
 * for the drain's. Each load would run well past the bounds asserted here had nothing stopped it. The bounds
 * hold on a starved machine (docs/liveness.md), so the class runs beside others: what it kills or stops is
 * found by its own results folder or pid.
 */
@Tag("processes")
class DeadPartTest {
    /** How long after a kill the run may take to notice it; the watchdog looks five times a second. */
    private static final Duration NOTICED_WITHIN = Duration.ofSeconds(5);
    /** How long after a kill the whole run may take to end, loosely: the machine may be busy. */
    private static final Duration ENDED_WITHIN = Duration.ofSeconds(25);
    private static final Pattern FAILURE_TIME = Pattern.compile(" at (\\d\\d:\\d\\d:\\d\\d\\.\\d+)");

    @TempDir
    Path tmp;

    @Test
    void killingEveryKamailioProcessEndsTheRunNamingKamailio() throws Exception {
        Path out = tmp.resolve("out");
        CompletableFuture<Integer> run = startSipRun(out);
        awaitSippCounts(out.resolve("logs/jedis"));

        Kill kill = Kill.all(command -> command.contains("kamailio") && command.contains(out.toString()));

        JsonNode result = awaitResult(run, out, kill);
        assertThat(required(result, "/failure").asText()).startsWith("kamailio exited at ");
        assertNoticedInTime(result, kill);
        assertThat(required(result, "/calls/attempted").asLong()).as("calls attempted").isPositive();
    }

    @Test
    void killingTheUasEndsTheRunNamingIt() throws Exception {
        Path out = tmp.resolve("out");
        CompletableFuture<Integer> run = startSipRun(out);
        awaitSippCounts(out.resolve("logs/jedis"));

        Kill kill = Kill.all(command -> command.contains("uas.xml") && command.contains(out.toString()));

        JsonNode result = awaitResult(run, out, kill);
        assertThat(required(result, "/failure").asText()).startsWith("sipp-uas exited at ");
        assertNoticedInTime(result, kill);
        assertThat(required(result, "/calls/attempted").asLong()).as("calls attempted").isPositive();
    }

    /** The UAC ends by itself when its calls are done; killed, it is a dead part, and its calls so far are kept. */
    @Test
    void killingTheUacEndsTheRunNamingItAndKeepsItsCalls() throws Exception {
        Path out = tmp.resolve("out");
        CompletableFuture<Integer> run = startSipRun(out);
        // SIGKILL leaves SIPp no last word: its counts are those of its last per-second line, which must hold calls.
        Path statCsv = out.resolve("logs/jedis/sipp-uac-call-stats.csv");
        awaitSippCounts(out.resolve("logs/jedis"));
        long deadlineNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (SippStats.parse(statCsv).attempted() == 0) {
            assertThat(System.nanoTime()).as("SIPp counted calls within 60 s").isLessThan(deadlineNanos);
            Thread.sleep(100);
        }

        Kill kill = Kill.all(command -> command.contains("uac.xml") && command.contains(out.toString()));

        JsonNode result = awaitResult(run, out, kill);
        assertThat(required(result, "/failure").asText()).startsWith("sipp-uac exited at ");
        assertNoticedInTime(result, kill);
        assertThat(required(result, "/calls/attempted").asLong()).as("calls attempted").isPositive();
        assertThat(required(result, "/events/consumed").asLong()).as("events consumed").isPositive();
    }

    @Test
    void killingRedisEndsTheRunNamingIt() throws Exception {
        Path out = tmp.resolve("out");
        try (LocalRedis redis = LocalRedis.start(tmp)) {
            CompletableFuture<Integer> run = startSyntheticRun(redis, out, "30");
            RedisFaultTest.awaitMeasuring(out, "jedis");
            RedisFaultTest.awaitConsumption(out, "jedis");

            Kill kill = Kill.pid(redis.pid());

            JsonNode result = awaitResult(run, out, kill);
            assertThat(required(result, "/failure").asText()).startsWith("Redis stopped answering at ")
                    .contains("refuses connections");
            assertNoticedInTime(result, kill);
            assertThat(required(result, "/events/consumed").asLong()).as("events consumed").isPositive();
        }
    }

    /**
     * Stopped for 3 s, longer than the 200 ms pop timeout, Redis comes back and the run goes on: a warning
     * names the stall, and the seconds the sampler could not read the backlog are counted as unknown. The stop
     * begins about 1 s into the 6 s of load, so the load goes on about 2 s after Redis is back.
     */
    @Test
    void aRedisStoppedLongerThanThePopTimeoutIsNamedAndItsBacklogUnknown() throws Exception {
        Path out = tmp.resolve("out");
        try (LocalRedis redis = LocalRedis.start(tmp)) {
            CompletableFuture<Integer> run = startSyntheticRun(redis, out, "6");
            RedisFaultTest.awaitMeasuring(out, "jedis");
            RedisFaultTest.awaitConsumption(out, "jedis");
            RedisFaultTest.signal("STOP", redis.pid());
            try {
                Thread.sleep(3_000);
            } finally {
                RedisFaultTest.signal("CONT", redis.pid());
            }

            run.get(90, TimeUnit.SECONDS);

            JsonNode result = new SummaryTree(out).client("jedis");
            assertThat(required(result, "/warnings").toString()).contains("REDIS STALLED");
            assertThat(required(result, "/backlogUnknownSeconds").asDouble()).as("seconds of unknown backlog")
                    .isGreaterThanOrEqualTo(1.0);
        }
    }

    /** Stopped for good (longer than the watchdog's bound), Redis fails the run within seconds. */
    @Test
    void aRedisStoppedForGoodFailsTheRunWithinSeconds() throws Exception {
        Path out = tmp.resolve("out");
        try (LocalRedis redis = LocalRedis.start(tmp)) {
            CompletableFuture<Integer> run = startSyntheticRun(redis, out, "30");
            RedisFaultTest.awaitMeasuring(out, "jedis");
            RedisFaultTest.awaitConsumption(out, "jedis");
            RedisFaultTest.signal("STOP", redis.pid());
            long stoppedNanos = System.nanoTime();
            try {
                int exit = run.get(ENDED_WITHIN.toSeconds() + PartsWatchdog.SILENCE_BOUND.toSeconds(), TimeUnit.SECONDS);
                assertThat(exit).as("exit code").isEqualTo(ExitCode.UNTRUSTWORTHY);
            } finally {
                RedisFaultTest.signal("CONT", redis.pid());
            }
            assertThat(Duration.ofNanos(System.nanoTime() - stoppedNanos)).as("the run's end after the stop")
                    .isLessThan(ENDED_WITHIN.plus(PartsWatchdog.SILENCE_BOUND));
            JsonNode result = new SummaryTree(out).client("jedis");
            assertThat(required(result, "/failure").asText()).startsWith("Redis stopped answering at ")
                    .contains("no reply to PING");
            assertThat(required(result, "/backlogUnknownSeconds").asDouble()).as("seconds of unknown backlog")
                    .isGreaterThanOrEqualTo(1.0);
        }
    }

    /** A SIP run, jedis, 20 s of calls: a kill in its first seconds ends it long before SIPp would finish. */
    private static CompletableFuture<Integer> startSipRun(Path out) {
        return CompletableFuture.supplyAsync(() -> Main.execute("run", "--client", "jedis", "--workers", "2",
                "--rate", "50", "--calls", "1000", "--warmup", "0", "--drain-timeout", "5", "--out", out.toString()));
    }

    private static CompletableFuture<Integer> startSyntheticRun(LocalRedis redis, Path out, String durationSeconds) {
        return CompletableFuture.supplyAsync(() -> Main.execute("run", "--load", "synthetic", "--client", "jedis",
                "--workers", "2", "--rate", "200", "--duration", durationSeconds, "--warmup", "0",
                "--pop-timeout-ms", "200", "--drain-timeout", "5", "--redis", redis.endpoint().toString(),
                "--out", out.toString()));
    }

    /** The run's result once it ended, checking that it ended soon after the kill and as untrustworthy. */
    private static JsonNode awaitResult(CompletableFuture<Integer> run, Path out, Kill kill) throws Exception {
        int exit = run.get(ENDED_WITHIN.toSeconds() + 60, TimeUnit.SECONDS);
        Duration afterKill = Duration.ofNanos(System.nanoTime() - kill.nanoTime());
        assertThat(exit).as("exit code").isEqualTo(ExitCode.UNTRUSTWORTHY);
        assertThat(afterKill).as("the run's end after the kill").isLessThan(ENDED_WITHIN);
        assertThat(ChildProcesses.aliveUnder(out)).as("processes left").isEmpty();
        return new SummaryTree(out).client("jedis");
    }

    /** The failure's time is within {@link #NOTICED_WITHIN} of the kill. */
    private static void assertNoticedInTime(JsonNode result, Kill kill) {
        String failure = required(result, "/failure").asText();
        Matcher time = FAILURE_TIME.matcher(failure);
        assertThat(time.find()).as("a time in " + failure).isTrue();
        Duration noticed = Duration.between(kill.at(), LocalTime.parse(time.group(1)));
        assertThat(noticed).as("from the kill to the failure's time: " + failure)
                .isBetween(Duration.ofMillis(-50), NOTICED_WITHIN);
    }

    /**
     * Until the measured phase's SIPp UAC has written a line of counts to its statistics file: the UAC is
     * running, and what it did is known. (A kill before it started stops a run that made no calls.)
     */
    static void awaitSippCounts(Path logDir) throws Exception {
        Path statCsv = logDir.resolve("sipp-uac-call-stats.csv");
        long deadlineNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(statCsv) || Files.readAllLines(statCsv).size() < 2) {
            assertThat(System.nanoTime()).as("SIPp wrote its first counts within 60 s").isLessThan(deadlineNanos);
            Thread.sleep(100);
        }
    }

    /** The node at {@code pointer}; fails when it is missing, so that a renamed field fails the test. */
    static JsonNode required(JsonNode node, String pointer) {
        JsonNode found = node.at(pointer);
        assertThat(found.isMissingNode() || found.isNull()).as(pointer + " in " + node).isFalse();
        return found;
    }

    /** A SIGKILL sent, and when. */
    private record Kill(LocalTime at, long nanoTime) {
        static Kill all(Predicate<String> commandLine) throws Exception {
            List<Long> pids = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                    .filter(p -> commandLine.test(p.info().commandLine().orElse(""))).map(ProcessHandle::pid).toList();
            assertThat(pids).as("processes to kill").isNotEmpty();
            List<String> command = new java.util.ArrayList<>(List.of("kill", "-KILL"));
            pids.forEach(pid -> command.add(Long.toString(pid)));
            return send(command);
        }

        static Kill pid(long pid) throws Exception {
            return send(List.of("kill", "-KILL", Long.toString(pid)));
        }

        private static Kill send(List<String> command) throws Exception {
            Kill kill = new Kill(LocalTime.now(), System.nanoTime());
            Process process = new ProcessBuilder(command).inheritIO().start();
            assertThat(process.waitFor()).as(String.join(" ", command)).isZero();
            return kill;
        }
    }
}
