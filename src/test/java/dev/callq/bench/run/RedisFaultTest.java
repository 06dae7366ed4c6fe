package dev.callq.bench.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callq.bench.ExitCode;
import dev.callq.bench.cli.Main;
import dev.callq.bench.env.LocalRedis;
import dev.callq.bench.result.Timeseries;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.callq.bench.testkit.Json.required;

/**
 * A Redis that pauses or dies in the middle of a measured run, for both clients. The run measures a
 * redis-server the test started (--redis), so that the test can signal it.
 */
@Tag("processes")
class RedisFaultTest {
    @TempDir
    Path tmp;

    /**
     * A 3 s pause (the product's own redis-pause fault: SIGSTOP, then SIGCONT) outlasts the client timeout (pop
     * timeout 200 ms + 2 s), so every connection's command times out and its connection breaks; the workers and
     * the producer must come back once Redis does.
     */
    @ParameterizedTest
    @ValueSource(strings = {"jedis", "lettuce"})
    void workersAndProducerGoOnAfterRedisPauses(String client) throws Exception {
        Path out = tmp.resolve("out");

        int exit = Main.execute(runArguments(client, out, "10", "--fault", "redis-pause:3s@2s"));

        JsonNode result = new SummaryTree(out).client(client);
        // The pause is the run's own fault: pushes it made fail count as offered and refused, and an event whose
        // push was reported failed but arrived is reconciled; nothing is lost, so the numbers hold.
        assertThat(exit).as("exit code; events " + result.get("events") + ", warnings " + result.get("warnings"))
                .isZero();
        assertThat(required(result, "/events/lost").asLong()).isZero();
        assertThat(required(result, "/events/consumed").asLong()).isPositive();
        long resumedEpochSecond = required(result, "/faults/0/endedAtMicros").asLong() / 1_000_000;
        double consumedAfterPause = Timeseries.read(Timeseries.file(out, client)).stream()
                .filter(second -> second.epochSecond() >= resumedEpochSecond + 2)
                .mapToDouble(Timeseries.Second::consumedPerSec).sum();
        assertThat(consumedAfterPause).as("events consumed from 2 s after Redis resumed").isPositive();
    }

    /** Killed, Redis takes its events with it: the run still ends by itself, with its results, as untrustworthy. */
    @ParameterizedTest
    @ValueSource(strings = {"jedis", "lettuce"})
    void aRunWhoseRedisIsKilledWritesItsResultsAndExitsUntrustworthy(String client) throws Exception {
        Path out = tmp.resolve("out");
        try (LocalRedis redis = LocalRedis.start(tmp)) {
            CompletableFuture<Integer> run = startRun(client, redis, out, "6");
            awaitMeasuring(out, client);
            awaitConsumption(out, client);
            signal("KILL", redis.pid());

            int exit = run.get(90, TimeUnit.SECONDS);

            assertThat(exit).as("exit code").isEqualTo(ExitCode.UNTRUSTWORTHY);
            JsonNode result = new SummaryTree(out).client(client);
            assertThat(required(result, "/failure").asText()).startsWith("Redis stopped answering");
            assertThat(required(result, "/warnings/0").asText()).startsWith("FAILED: Redis stopped answering");
            assertThat(required(result, "/events/consumed").asLong()).isPositive();
        }
    }

    /**
     * Redis stalls the producer past the end of its phase: it then stops, rather than push the rest of its
     * schedule late, and counts what it did not send.
     */
    @Test
    void theProducerStopsWhenItsPhaseIsOverEvenBehindSchedule() throws Exception {
        Path out = tmp.resolve("out");

        int exit = Main.execute(runArguments("jedis", out, "3", "--fault", "redis-pause:4s@500ms"));

        assertThat(exit).as("exit code").isEqualTo(ExitCode.UNTRUSTWORTHY);
        JsonNode producer = required(new SummaryTree(out).client("jedis"), "/producer");
        assertThat(required(producer, "/notSent").asLong()).as("events not sent").isPositive();
        assertThat(required(producer, "/keptSchedule").asBoolean()).isFalse();
        long scheduled = required(producer, "/pushed").asLong() + required(producer, "/pushFailures").asLong()
                + required(producer, "/notSent").asLong();
        assertThat(scheduled).as("pushed + failed + not sent").isBetween(598L, 602L);
    }

    private static CompletableFuture<Integer> startRun(String client, LocalRedis redis, Path out, String durationSeconds) {
        return CompletableFuture.supplyAsync(() -> Main.execute(runArguments(client, out, durationSeconds,
                "--redis", redis.endpoint().toString())));
    }

    private static String[] runArguments(String client, Path out, String durationSeconds, String... more) {
        List<String> args = new ArrayList<>(List.of("run", "--load", "synthetic", "--client", client,
                "--rate", "200", "--duration", durationSeconds, "--warmup", "0", "--pop-timeout-ms", "200",
                "--drain-timeout", "5", "--out", out.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** The sampler creates the time series as the measured phase begins. */
    static void awaitMeasuring(Path out, String client) throws InterruptedException {
        long deadlineNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(Timeseries.file(out, client))) {
            assertThat(System.nanoTime()).as("the run started measuring within 60 s").isLessThan(deadlineNanos);
            Thread.sleep(50);
        }
    }

    /** A whole second of the measured phase has consumed events: there are results to keep when Redis dies. */
    static void awaitConsumption(Path out, String client) throws Exception {
        long deadlineNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (Timeseries.readCompleteRows(Timeseries.file(out, client)).stream().noneMatch(second -> second.consumedPerSec() > 0)) {
            assertThat(System.nanoTime()).as("events consumed within 30 s of measuring").isLessThan(deadlineNanos);
            Thread.sleep(50);
        }
    }

    static void signal(String signal, long pid) throws Exception {
        Process kill = new ProcessBuilder(List.of("kill", "-" + signal, Long.toString(pid))).inheritIO().start();
        assertThat(kill.waitFor()).as("kill -%s %d", signal, pid).isZero();
    }
}
