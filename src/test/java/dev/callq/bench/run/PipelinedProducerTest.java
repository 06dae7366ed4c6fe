package dev.callq.bench.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callq.bench.ExitCode;
import dev.callq.bench.cli.Main;
import dev.callq.bench.env.LocalRedis;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Jedis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.callq.bench.testkit.Json.required;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The synthetic producer writes its pushes without waiting for their replies, which a reader per lane accounts
 * for: every event still ends pushed (and consumed), failed with Redis's own error class, or not sent, and the
 * producer's lag no longer holds a round trip to Redis.
 */
@Tag("processes")
class PipelinedProducerTest {
    private static final int RATE_PER_SEC = 2_000;
    private static final int DURATION_SECONDS = 4;

    @TempDir
    Path tmp;

    /**
     * Redis refuses every push for about a second in the middle of the measured phase (maxmemory, set and cleared
     * by the test): pushes sent before the refusal began still have their replies coming when later ones are
     * refused, and the other way round when it ends. Each event must land on the right side: the acknowledged
     * ones are exactly the ones consumed, the refused ones are all named OOM, and Redis's own count of the push
     * commands it executed agrees. For streams a push is one XADD per event, refused one by one.
     */
    @ParameterizedTest
    @ValueSource(strings = {"blpop", "stream"})
    void pushesRedisRefusesBetweenOthersInFlightAreAccountedOneByOne(String pattern) throws Exception {
        Path out = tmp.resolve("out");
        int exit;
        try (LocalRedis redis = LocalRedis.start(Files.createDirectories(tmp.resolve("redis")));
             Jedis admin = new Jedis(redis.endpoint().host(), redis.endpoint().port())) {
            admin.configSet("maxmemory-policy", "noeviction");
            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> Main.execute("run", "--load",
                    "synthetic", "--client", "jedis", "--pattern", pattern, "--workers", "2", "--rate",
                    Integer.toString(RATE_PER_SEC), "--duration", Integer.toString(DURATION_SECONDS), "--warmup", "0",
                    "--redis", redis.endpoint().toString(), "--out", out.toString()));
            RedisFaultTest.awaitMeasuring(out, "jedis");
            Thread.sleep(1_000);
            // One byte: whatever Redis holds is over it, so every command that may grow memory is refused.
            admin.configSet("maxmemory", "1");
            Thread.sleep(1_000);
            admin.configSet("maxmemory", "0");
            exit = run.get(120, TimeUnit.SECONDS);
        }

        JsonNode result = new SummaryTree(out).client("jedis");
        JsonNode producer = required(result, "/producer");
        long pushed = required(producer, "/pushed").asLong();
        long failed = required(producer, "/pushFailures").asLong();
        long notSent = required(producer, "/notSent").asLong();
        assertThat(pushed).as("events acknowledged").isPositive();
        assertThat(failed).as("events refused").isPositive();
        assertThat(pushed + failed + notSent).as("pushed + failed + not sent: the schedule")
                .isBetween(RATE_PER_SEC * DURATION_SECONDS - 2L, RATE_PER_SEC * DURATION_SECONDS + 2L);
        assertThat(required(producer, "/pushFailureCauses/OOM").asLong()).as("failures named OOM").isEqualTo(failed);

        JsonNode events = required(result, "/events");
        assertThat(required(events, "/expected").asLong()).as("expected = acknowledged").isEqualTo(pushed);
        assertThat(required(events, "/consumed").asLong()).as("consumed = acknowledged").isEqualTo(pushed);
        assertThat(required(events, "/lost").asLong()).as("lost").isZero();
        assertThat(required(events, "/unexpected").asLong()).as("refused pushes that arrived anyway").isZero();
        assertThat(required(events, "/duplicates").asLong()).as("duplicates").isZero();
        JsonNode checks = required(result, "/accounting/crossCheck");
        assertThat(checks.findValuesAsText("name")).anySatisfy(name -> assertThat(name)
                .isEqualTo((pattern.equals("stream") ? "xadd" : "rpush") + " calls = acknowledged push commands"));
        assertThat(checks.findValues("ok")).as("cross-checks " + checks)
                .allSatisfy(ok -> assertThat(ok.asBoolean()).isTrue());
        assertThat(exit).as("a run whose pushes Redis refused").isEqualTo(ExitCode.UNTRUSTWORTHY);
        assertThat(required(result, "/warnings").toString()).contains("REDIS REFUSED PUSHES");
    }

    /**
     * Every reply takes 100 ms to come back (--redis-rtt, through the network proxy), two hundred times the
     * producer's send quantum, at a light load (one event every 20 ms per lane). A producer that waited for each
     * push's reply before its next would be late by up to the round trip, 50 ms at the median; this one sends on
     * schedule, its lag set by the quantum and the timer, while the round trip it records is the 100 ms the
     * replies took.
     */
    @Test
    void theLagStaysWithinTheQuantumWhenRepliesTakeLongerThanIt() throws Exception {
        Path out = tmp.resolve("out");
        long rttMicros = 100_000;

        int exit = Main.execute("run", "--load", "synthetic", "--client", "jedis", "--workers", "16", "--rate", "100",
                "--duration", "3", "--warmup", "0", "--redis-rtt", rttMicros / 1_000 + "ms", "--out", out.toString());

        JsonNode result = new SummaryTree(out).client("jedis");
        long quantumMicros = Long.parseLong(required(result, "/clientEnvironment/producerQuantumMicros").asText());
        assertThat(quantumMicros).isEqualTo(500);
        assertThat(required(result, "/latencySplit/pushRoundTrip/p50Micros").asLong())
                .as("push round trip p50, µs").isGreaterThanOrEqualTo(rttMicros);
        JsonNode lag = required(result, "/producer/lagMicros");
        // Beyond the quantum, only the timer's slack; a busy machine's scheduling shows in the tail, not the median.
        assertThat(required(lag, "/p50").asLong()).as("lag p50, µs").isLessThan(quantumMicros + 1_000);
        assertThat(required(lag, "/p99").asLong()).as("lag p99, µs").isLessThan(rttMicros / 2);
        assertThat(required(result, "/producer/keptSchedule").asBoolean()).as("kept its schedule").isTrue();
        assertThat(required(result, "/events/lost").asLong()).as("lost").isZero();
        assertThat(exit).as("exit code; warnings " + result.get("warnings")).isZero();
    }
}
