package dev.callq.bench.run;

import dev.callq.bench.options.RunOptions;
import com.fasterxml.jackson.databind.JsonNode;
import dev.callq.bench.ExitCode;
import dev.callq.bench.cli.Main;
import dev.callq.bench.env.LocalRedis;
import dev.callq.bench.event.CallEvent;
import dev.callq.bench.event.EventKind;
import dev.callq.bench.event.PayloadFormat;
import dev.callq.bench.measure.WallClock;
import dev.callq.bench.testkit.NoProcessLeftBehind;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.callq.bench.testkit.Json.required;

/**
 * Events are accounted by identity: one event taken out of the queue by hand and one made-up event pushed
 * do not cancel out, they are one lost and one unexpected, each named, and the run is untrustworthy.
 */
@Tag("processes")
@ExtendWith(NoProcessLeftBehind.class)
class IdentityAccountingTest {
    @TempDir
    Path tmp;

    @Test
    void anEventRemovedByHandIsLostAndAMadeUpOneIsUnexpectedNeitherCancelsTheOther() throws Exception {
        Path outDir = tmp.resolve("out");
        String madeUp = PayloadFormat.JSON.encode(new CallEvent("made-up-1", EventKind.INVITE, WallClock.nowMicros()));
        String removed = null;
        int exit;
        try (LocalRedis redis = LocalRedis.start(tmp)) {
            // One slow worker, so that a backlog builds up that can be taken from by hand.
            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> Main.execute("run", "--load",
                    "synthetic", "--client", "jedis", "--workers", "1", "--rate", "100", "--duration", "3",
                    "--service-time", "fixed:15ms", "--warmup", "0", "--redis", redis.endpoint().toString(),
                    "--out", outDir.toString()));
            Path timeseries = outDir.resolve("jedis-timeseries.csv");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            try (Jedis jedis = new Jedis(redis.endpoint().host(), redis.endpoint().port())) {
                while (removed == null && !run.isDone() && System.nanoTime() < deadline) {
                    String popped = Files.exists(timeseries) ? jedis.lpop(RunOptions.defaults().key) : null;
                    if (popped != null) {
                        removed = PayloadFormat.JSON.decode(popped).callId();
                    } else {
                        Thread.sleep(20);
                    }
                }
                jedis.rpush(RunOptions.defaults().key, madeUp);
            }
            exit = run.get(120, TimeUnit.SECONDS);
        }

        assertThat(removed).as("an event was taken by hand during the measured phase").startsWith("syn-");
        JsonNode result = new SummaryTree(outDir).client("jedis");
        assertThat(required(result, "/events/lost").asLong()).isEqualTo(1);
        assertThat(required(result, "/events/unexpected").asLong()).isEqualTo(1);
        assertThat(required(result, "/events/consumed").asLong()).isEqualTo(required(result, "/events/expected").asLong());
        assertThat(exit).isEqualTo(ExitCode.UNTRUSTWORTHY);
        assertThat(Files.readAllLines(outDir.resolve("jedis-lost.txt"))).containsExactly(removed + " INVITE");
        assertThat(Files.readAllLines(outDir.resolve("jedis-unexpected.txt"))).containsExactly("made-up-1 INVITE");
        assertThat(required(result, "/accounting/files/lost").asText()).isEqualTo("jedis-lost.txt");
        // Redis saw one RPUSH the producer never made
        JsonNode pushCheck = result.at("/accounting/crossCheck/1");
        assertThat(required(pushCheck, "/name").asText()).startsWith("rpush calls");
        assertThat(required(pushCheck, "/observed").asLong()).isEqualTo(required(pushCheck, "/expected").asLong() + 1);
        assertThat(required(pushCheck, "/ok").asBoolean()).isFalse();
    }
}
