package dev.callq.bench.run;

import dev.callq.bench.options.RunOptions;
import com.fasterxml.jackson.databind.JsonNode;
import dev.callq.bench.ExitCode;
import dev.callq.bench.cli.Main;
import dev.callq.bench.env.LocalRedis;
import dev.callq.bench.testkit.NoProcessLeftBehind;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.callq.bench.testkit.Json.required;

/**
 * A payload the consumer cannot decode is an event it cannot account for: with nothing lost, the run is
 * still untrustworthy, and the exit code, the console table and every report say so alike.
 */
@Isolated("it captures the console")
@Tag("processes")
@ExtendWith(NoProcessLeftBehind.class)
class MalformedPayloadTest {
    @TempDir
    Path tmp;

    @Test
    void aMalformedPayloadMakesTheRunUntrustworthyInTheExitCodeAndEveryReport() throws Exception {
        Path outDir = tmp.resolve("out");
        int exit;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
        try (LocalRedis redis = LocalRedis.start(tmp)) {
            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> Main.execute("run", "--load",
                    "synthetic", "--client", "jedis", "--workers", "2", "--rate", "200", "--duration", "3",
                    "--warmup", "0", "--redis", redis.endpoint().toString(), "--out", outDir.toString()));
            // The time series appears when the measured phase starts: push one payload by hand into it.
            Path timeseries = outDir.resolve("jedis-timeseries.csv");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(timeseries) && !run.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(timeseries).as("the measured phase started").exists();
            try (Jedis jedis = new Jedis(redis.endpoint().host(), redis.endpoint().port())) {
                jedis.rpush(RunOptions.defaults().key, "not an event");
            }
            exit = run.get(120, TimeUnit.SECONDS);
        } finally {
            System.setOut(originalOut);
        }

        JsonNode events = new SummaryTree(outDir).client("jedis").at("/events");
        assertThat(required(events, "/malformed").asLong()).isEqualTo(1);
        assertThat(required(events, "/lost").asLong()).isZero();
        assertThat(required(events, "/consumed").asLong()).isEqualTo(required(events, "/expected").asLong());
        assertThat(exit).isEqualTo(ExitCode.UNTRUSTWORTHY);
        assertThat(console.toString(StandardCharsets.UTF_8)).containsPattern("(?m)^trustworthy +NO \\(see warnings\\)$");
        assertThat(Files.readString(outDir.resolve("report.html")))
                .contains("<p class=\"verdict fail\">accounting NOT balanced: jedis consumed")
                .contains("malformed 1");
        assertThat(Files.readString(outDir.resolve("summary.md"))).contains("❌ **accounting NOT balanced");
        List<String> csv = Files.readAllLines(outDir.resolve("summary.csv"));
        int trustworthy = List.of(csv.get(0).split(",")).indexOf("trustworthy");
        assertThat(csv.get(1).split(",")[trustworthy]).isEqualTo("false");
    }
}
