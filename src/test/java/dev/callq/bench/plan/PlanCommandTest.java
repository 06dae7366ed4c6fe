package dev.callq.bench.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callq.bench.ExitCode;
import dev.callq.bench.cli.Main;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.callq.bench.testkit.Json.required;

/**
 * {@code callq plan} as a user runs it: bad input is one line and exit 2; a real, small plan against
 * redis-server measures, sizes, validates and writes every field of plan.json.
 */
@Tag("processes")
class PlanCommandTest {
    @TempDir
    Path outDir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--slo p99=20 | --slo 'p99=20' is not understood",
            "--slo p100=20ms | --slo 'p100=20ms' is not understood",
            "--slo p99=0ms | --slo wait target must be positive",
            "--rate 0 | --rate must be a positive number",
            "--service-time none | --service-time must have a positive mean",
            "--client glide | unknown client 'glide'",
            "--redis-rtt 1ms~2ms | --redis-rtt's jitter must not exceed its round trip",
    })
    void badInputIsOneLineAndExitTwo(String badOption, String expectedMessage) {
        Map<String, String> options = new LinkedHashMap<>(Map.of("--rate", "800", "--slo", "p99=20ms",
                "--service-time", "exp:3ms", "--out", outDir.toString()));
        String[] bad = badOption.strip().split(" ");
        options.put(bad[0], bad[1]);
        List<String> args = new ArrayList<>(List.of("plan"));
        options.forEach((option, value) -> args.addAll(List.of(option, value)));

        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        PrintStream original = System.err;
        int exit;
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            exit = Main.execute(args.toArray(String[]::new));
        } finally {
            System.setErr(original);
        }

        String error = stderr.toString(StandardCharsets.UTF_8);
        assertThat(exit).isEqualTo(ExitCode.USAGE);
        assertThat(error.strip()).startsWith("callq: error: ").contains(expectedMessage).doesNotContain("\n");
        assertThat(outDir.resolve(PlanJson.FILE_NAME)).doesNotExist();
    }

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void smallRealPlanWritesEveryFieldAndValidatesTheRecommendationAndOneFewer() throws Exception {
        // 400 events/s of 2 ms exponential work: about 1 Erlang, so the plan needs at least 2 workers.
        int exit = Main.execute("plan", "--rate", "400", "--slo", "p99=20ms", "--service-time", "exp:2ms",
                "--client", "jedis", "--validate", "--sweep-workers", "1,2,4", "--sweep-seconds", "1.5",
                "--sweep-warmup", "0.3", "--overload", "1.2", "--ceiling-workers", "8", "--ceiling-rate", "10000",
                "--ceiling-seconds", "0.5", "--validation-seconds", "2", "--validation-warmup", "0.3",
                "--out", outDir.toString());

        assertThat(exit).isZero();
        JsonNode plan = new ObjectMapper().readTree(outDir.resolve(PlanJson.FILE_NAME).toFile());
        assertThat(plan.get("rate").asDouble()).isEqualTo(400.0);
        assertThat(required(plan, "/slo/text").asText()).isEqualTo("p99=20ms");
        assertThat(required(plan, "/slo/waitTargetMicros").asDouble()).isEqualTo(20_000.0);
        assertThat(required(plan, "/provenance/commandLine").asText()).startsWith("callq plan --rate 400 --slo p99=20ms ");
        assertThat(required(plan, "/provenance/machine/cores").asInt()).isPositive();
        JsonNode client = plan.get("clients").get(0);
        assertThat(client.get("client").asText()).isEqualTo("jedis");

        int recommended = client.get("recommendedWorkers").asInt();
        assertThat(recommended).isGreaterThanOrEqualTo(2);
        double holdingMicros = client.get("holdingTimeMicros").asDouble();
        assertThat(holdingMicros).as("S is at least the mean work").isGreaterThan(1_900.0).isLessThan(10_000.0);
        assertThat(required(client, "/erlangC/offeredLoadErlangs").asDouble())
                .isCloseTo(400 * holdingMicros / 1e6, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(required(client, "/erlangC/probabilityOfWaiting").asDouble()).isBetween(0.0, 1.0);
        assertThat(required(client, "/erlangC/predictedP99WaitMicros").asDouble()).isBetween(0.0, 20_000.0);
        for (String field : List.of("sigma", "kappa", "lambda", "peakWorkers", "peakThroughput")) {
            assertThat(client.get("usl").has(field)).as("usl." + field).isTrue();
        }
        assertThat(required(client, "/usl/lambda").asDouble()).isPositive();
        assertThat(client.at("/usl/points")).hasSize(3);
        assertThat(client.get("redisCeilingPerSec").asDouble()).isGreaterThan(400.0);

        JsonNode validation = client.get("validation");
        assertThat(validation).hasSize(2);
        assertThat(validation.get(0).get("workers").asInt()).isEqualTo(recommended);
        assertThat(validation.get(1).get("workers").asInt()).isEqualTo(recommended - 1);
        for (JsonNode run : validation) {
            for (String field : List.of("workers", "predictedP99Micros", "measuredP99Micros", "sloMet")) {
                assertThat(run.has(field)).as("validation." + field).isTrue();
            }
            assertThat(run.get("measuredP99Micros").asLong()).isPositive();
            assertThat(Path.of(run.get("dir").asText()).resolve("summary.json")).exists();
        }
        assertThat(validation.get(0).get("predictedP99Micros").asDouble()).isBetween(0.0, 20_000.0);

        JsonNode evidence = client.get("evidence");
        assertThat(evidence).hasSize(4);
        for (JsonNode run : evidence) {
            assertThat(Files.exists(Path.of(run.get("dir").asText()).resolve("summary.json"))).isTrue();
        }
    }
}
