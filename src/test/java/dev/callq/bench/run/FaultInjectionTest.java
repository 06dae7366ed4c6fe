package dev.callq.bench.run;

import dev.callq.bench.testkit.StartsEarly;
import com.fasterxml.jackson.databind.JsonNode;
import dev.callq.bench.result.CsvTable;
import dev.callq.bench.ExitCode;
import dev.callq.bench.cli.Main;
import dev.callq.bench.fault.FaultInjector;
import dev.callq.bench.result.Timeseries;
import dev.callq.bench.testkit.ChildProcesses;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.callq.bench.testkit.Json.required;

/**
 * Each fault kind of a synthetic run, end to end against the redis-server the run starts: what the
 * pattern promises is what the summary counts, the fault is recorded with its times, and the run ends
 * by itself. Short runs (3 s at 200 events/s) so that the lot stays within a few tens of seconds.
 */
@StartsEarly
@Tag("processes")
class FaultInjectionTest {
    @TempDir
    Path tmp;

    /** BLPOP is at-most-once: the crashed worker's popped event, and only it, is lost. */
    @Test
    void aCrashedBlpopWorkerLosesExactlyTheEventItHeld() throws Exception {
        Path out = tmp.resolve("crash");
        int exit = run(out, "jedis", "--pattern", "blpop", "--fault", "consumer-crash:1@1s");

        assertThat(exit).as("exit code").isEqualTo(ExitCode.UNTRUSTWORTHY);
        JsonNode result = new SummaryTree(out).client("jedis");
        assertThat(required(result, "/events/lost").asLong()).as("lost").isEqualTo(1);
        assertThat(required(result, "/events/duplicates").asLong()).as("duplicates").isZero();
        JsonNode fault = result.at("/faults/0");
        assertThat(fault.get("spec").asText()).isEqualTo("consumer-crash:1@1s");
        assertThat(fault.get("note").asText()).isEqualTo("1 worker(s) died holding 1 popped event(s)");
        assertThat(fault.get("startedAtMicros").asLong()).isPositive();
        assertThat(result.get("warnings").toString()).contains("consumer-crash:1@1s: 1 worker(s) died holding 1");
        assertThat(Files.readAllLines(FaultInjector.file(out, "jedis")).get(0)).isEqualTo(String.join(",", FaultInjector.COLUMNS));
        assertThat(CsvTable.read(FaultInjector.file(out, "jedis"))).singleElement().satisfies(row -> {
            assertThat(row).containsEntry("spec", "consumer-crash:1@1s")
                    .containsEntry("note", "1 worker(s) died holding 1 popped event(s)").containsEntry("error", "");
            assertThat(Long.parseLong(row.get("startedAtMicros"))).isPositive();
        });
    }

    /**
     * Without persistence a restart loses exactly what Redis held at the kill; a slow single worker keeps a
     * backlog so that there is something to lose.
     */
    @Test
    void aRestartWithoutPersistenceLosesWhatTheQueueHeld() throws Exception {
        Path out = tmp.resolve("restart");
        int exit = run(out, "lettuce", "--pattern", "blpop", "--workers", "1", "--service-time", "fixed:8ms",
                "--fault", "redis-restart@2s");

        assertThat(exit).as("exit code").isEqualTo(ExitCode.UNTRUSTWORTHY);
        JsonNode result = new SummaryTree(out).client("lettuce");
        JsonNode fault = result.at("/faults/0");
        long held = heldAtKill(fault.get("note").asText());
        assertThat(held).as("events in the list at the kill").isPositive();
        assertThat(required(result, "/events/lost").asLong()).as("lost").isEqualTo(held);
        assertThat(ChildProcesses.aliveUnder(tmp)).as("the killed and the restarted redis-server are both stopped").isEmpty();
        assertThat(fault.get("endedAtMicros").asLong()).isGreaterThan(fault.get("startedAtMicros").asLong());
    }

    /** With every write fsynced, the restarted Redis has the whole queue back: nothing is lost. */
    @Test
    void aRestartWithAofAlwaysLosesNothing() throws Exception {
        Path out = tmp.resolve("aof");
        int exit = run(out, "jedis", "--pattern", "blpop", "--workers", "1", "--service-time", "fixed:8ms",
                "--redis-persistence", "aof-always", "--fault", "redis-restart@2s");

        assertThat(exit).as("exit code").isIn(0, ExitCode.UNTRUSTWORTHY);
        JsonNode result = new SummaryTree(out).client("jedis");
        assertThat(heldAtKill(required(result, "/faults/0/note").asText())).isPositive();
        assertThat(required(result, "/events/lost").asLong()).as("lost").isZero();
        assertThat(required(result, "/events/duplicates").asLong()).as("duplicates").isZero();
        assertThat(required(new SummaryTree(out).summary(), "/config/redisPersistence").asText()).isEqualTo("aof-always");
    }

    /**
     * reliable across an aof-always restart: workers that stay alive redeliver what their own processing lists
     * held when their connections broke (a BLMOVE done whose reply was lost, an LREM never sent), so nothing
     * is lost or left in Redis; a redelivered event may be a duplicate, at most one per worker.
     */
    @Test
    void aReliableWorkerRedeliversItsOwnInFlightEventsAfterARestart() throws Exception {
        Path out = tmp.resolve("reliable");
        int exit = run(out, "jedis", "--pattern", "reliable", "--redis-persistence", "aof-always",
                "--fault", "redis-restart@1s");

        assertThat(exit).as("exit code").isIn(0, ExitCode.UNTRUSTWORTHY);
        JsonNode events = new SummaryTree(out).client("jedis").get("events");
        assertThat(events.get("lost").asLong()).as("lost").isZero();
        assertThat(events.get("leftInQueue").asLong()).as("left in Redis").isZero();
        assertThat(events.get("duplicates").asLong()).as("duplicates").isLessThanOrEqualTo(4);
        assertThat(events.get("consumed").asLong()).isPositive();
        // Redis's counters bridge the restart: read before the kill, added to the restarted server's.
        JsonNode checks = new SummaryTree(out).client("jedis").at("/accounting/crossCheck");
        assertThat(checks.findValuesAsText("name")).contains("rpush calls = acknowledged push commands",
                "lrem calls = payloads taken");
        assertThat(checks.findValues("ok")).allSatisfy(ok -> assertThat(ok.asBoolean()).isTrue());
    }

    /**
     * stream across an aof-always restart: XADDs the restarted Redis refused while loading its file count as
     * failed pushes, not acknowledged ones, and a live consumer reads its own pending entries again, so
     * nothing is lost or left pending; the workers wait far less than the idle time XAUTOCLAIM needs.
     */
    @Test
    void aStreamLosesNothingAcrossAnAofAlwaysRestart() throws Exception {
        Path out = tmp.resolve("stream");
        int exit = run(out, "lettuce", "--pattern", "stream", "--redis-persistence", "aof-always",
                "--service-time", "fixed:2ms", "--fault", "redis-restart@1s");

        assertThat(exit).as("exit code").isIn(0, ExitCode.UNTRUSTWORTHY);
        JsonNode result = new SummaryTree(out).client("lettuce");
        JsonNode events = result.get("events");
        assertThat(events.get("lost").asLong()).as("lost").isZero();
        assertThat(events.get("leftInQueue").asLong()).as("left in Redis").isZero();
        assertThat(events.get("consumed").asLong()).isPositive();
        // XAUTOCLAIM takes entries idle for 3 pop timeouts + 5 s (5.6 s here); a consumer's own come back at once
        assertThat(required(result, "/latencyMicros/enqueueToDequeue/max").asLong()).as("longest wait (µs)")
                .isLessThan(5_600_000L);
    }

    /** A paused Redis comes back with everything: both clients end with a summary and lose nothing. */
    @ParameterizedTest
    @ValueSource(strings = {"jedis", "lettuce"})
    void aPausedRedisLosesNothing(String client) throws Exception {
        Path out = tmp.resolve("pause-" + client);
        // 5 s, so that the time series has three whole seconds after the pause to show the recovery in.
        int exit = run(out, client, "--pattern", "blpop", "--duration", "5", "--fault", "redis-pause:1500ms@1s");

        JsonNode result = new SummaryTree(out).client(client);
        assertThat(required(result, "/events/lost").asLong()).as("lost").isZero();
        assertThat(required(result, "/events/consumed").asLong()).isPositive();
        // Pushes the pause made fail were offered on time: only a duplicate or an event left makes it exit 3.
        boolean balanced = required(result, "/events/duplicates").asLong() == 0 && required(result, "/events/leftInQueue").asLong() == 0;
        assertThat(exit).as("exit code; producer " + result.get("producer") + ", warnings " + result.get("warnings"))
                .isEqualTo(balanced ? 0 : ExitCode.UNTRUSTWORTHY);
        JsonNode fault = result.at("/faults/0");
        long lengthMicros = fault.get("endedAtMicros").asLong() - fault.get("startedAtMicros").asLong();
        assertThat(lengthMicros).as("pause length").isBetween(1_400_000L, 3_000_000L);
        // Four idle workers at 200 events/s clear the pause's backlog within a few seconds.
        assertThat(fault.path("recoverySeconds").isNumber()).as("recovered: " + fault).isTrue();
        assertThat(fault.get("recoverySeconds").asDouble()).isLessThan(5);
    }

    /**
     * Through the sentinels: the primary is killed, Sentinel promotes the replica, and the client finds it
     * and consumes again. What asynchronous replication had not copied is counted as lost (may be 0). Jedis
     * and Lettuce each find the new primary through the sentinels their own way. Redis's counters bridge the
     * failover: the primary's up to the kill, the replica's from the moment nothing replicated to it any more.
     */
    @ParameterizedTest
    @CsvSource({"jedis, blpop", "lettuce, reliable"})
    void afterAFailoverConsumptionResumesOnTheNewPrimary(String client, String pattern) throws Exception {
        Path out = tmp.resolve("failover-" + client);
        int exit = run(out, client, "--pattern", pattern, "--duration", "6", "--redis-sentinel",
                "--fault", "redis-failover@1s");

        assertThat(exit).as("exit code").isIn(0, ExitCode.UNTRUSTWORTHY);
        JsonNode result = new SummaryTree(out).client(client);
        JsonNode fault = result.at("/faults/0");
        assertThat(fault.path("error").isMissingNode()).as("the failover was done: " + fault).isTrue();
        assertThat(fault.get("note").asText()).startsWith("Sentinel promoted the replica 127.0.0.1:");
        long promotedSecond = fault.get("endedAtMicros").asLong() / 1_000_000;
        double consumedAfter = Timeseries.read(Timeseries.file(out, client)).stream()
                .filter(second -> second.epochSecond() > promotedSecond + 1)
                .mapToDouble(Timeseries.Second::consumedPerSec).sum();
        assertThat(consumedAfter).as("events consumed after the promotion").isPositive();
        assertThat(result.at("/events/lost").isIntegralNumber()).isTrue();
        assertThat(required(result, "/events/lost").asLong()).as("lost").isNotNegative();
        JsonNode checks = result.at("/accounting/crossCheck");
        assertThat(checks.findValuesAsText("name")).contains("rpush calls = acknowledged push commands");
        if (pattern.equals("reliable")) {
            assertThat(checks.findValuesAsText("name")).contains("lrem calls = payloads taken");
        }
        assertThat(checks.findValues("ok")).as(checks.toString()).allSatisfy(ok -> assertThat(ok.asBoolean()).isTrue());
        assertThat(result.get("warnings").toString()).doesNotContain("was replaced");
        assertThat(ChildProcesses.aliveUnder(tmp)).as("the primary, replica and sentinels are all stopped").isEmpty();
    }

    private static long heldAtKill(String note) {
        Matcher m = Pattern.compile("the queue held (\\d+) events at the kill").matcher(note);
        assertThat(m.matches()).as(note).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static int run(Path out, String client, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "--load", "synthetic", "--client", client,
                "--rate", "200", "--warmup", "0", "--pop-timeout-ms", "200",
                "--drain-timeout", "10", "--out", out.toString()));
        args.addAll(List.of(extra));
        if (!args.contains("--duration")) {
            args.addAll(List.of("--duration", "3"));
        }
        return Main.execute(args.toArray(String[]::new));
    }
}
