package dev.callq.bench.plan;

import dev.callq.bench.testkit.StartsEarly;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callq.bench.ExitCode;
import dev.callq.bench.testkit.CallqProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.callq.bench.testkit.Json.required;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code callq plan} as a user runs it: a real, small plan against
 * redis-server measures, sizes with an interval, validates N − 1, N and N + 1 twice each (the
 * repeats summed per worker count) and writes plan.json. Bad input: {@link PlanBadInputTest}.
 */
@StartsEarly
@Tag("processes")
class PlanCommandTest {
    @TempDir
    Path outDir;
    @TempDir
    Path consoleDir;

    @Test
    @Timeout(value = 1200, unit = TimeUnit.SECONDS)
    void planPrintsTheWorkerCountWithItsIntervalAndTheRepeatsAroundIt() throws Exception {
        // A real plan with short cells: 500 events/s of 10 ms exponential work, p99 ≤ 200 ms, 5 Erlangs and a pool
        // of about 7. The same Erlangs at 5,000 events/s of 1 ms would keep a core busy with pushes and pops beside
        // the classes that run with this one. No warm-up: each forked cell would otherwise wait seconds for its
        // JIT to settle; this checks what plan prints and writes, not how well a cold JVM measures.
        // Forked, so that what it prints is its own while other classes run beside this one.
        CallqProcess.Outcome outcome = CallqProcess.run(consoleDir, Map.of(), List.of("plan", "--rate", "500",
                    "--slo", "p99=200ms", "--service-time", "exp:10ms", "--client", "jedis", "--sweep-workers", "1,2,4,8", "--sweep-seconds", "1.5", "--sweep-warmup", "0",
                    "--ceiling-workers", "8", "--ceiling-rate", "5000", "--ceiling-seconds", "0.5",
                    "--validation-seconds", "1.5", "--validation-warmup", "0", "--repeats", "2", "--out", outDir.toString()),
                Duration.ofMinutes(15));
        String printed = outcome.stdout();
        System.out.println(printed + outcome.stderr());

        assertThat(outcome.exitCode()).as(printed + outcome.stderr()).isIn(ExitCode.OK, ExitCode.UNTRUSTWORTHY);
        Matcher headline = Pattern.compile("recommended workers\\s+(\\d+) workers; (\\d+)(?:–(\\d+))? at 90 %")
                .matcher(printed);
        assertThat(headline.find()).as(printed).isTrue();
        int recommended = Integer.parseInt(headline.group(1));
        int low = Integer.parseInt(headline.group(2));
        int high = headline.group(3) == null ? low : Integer.parseInt(headline.group(3));
        assertThat(recommended).isBetween(low, high);
        for (int workers = Math.max(1, recommended - 1); workers <= recommended + 1; workers++) {
            assertThat(printed).containsPattern(" " + workers + " workers: [0-2] of 2 repeats met p99=200ms, "
                    + "p99 [0-9.]+–[0-9.]+ ms; model: (met|missed), P\\(met\\) [01]\\.[0-9]{2}");
        }
        assertThat(printed).containsPattern("measurement and model (agree on \\d+ workers|DISAGREE)");

        // An Erlang C written in the test, from the printed mean holding time and Cs², lands in the interval.
        Matcher holding = Pattern.compile("holding time S\\s+(\\d+) µs = .*; Cs² ([0-9.]+)").matcher(printed);
        assertThat(holding.find()).as(printed).isTrue();
        int independent = WorkerCountIntervalTest.independentSize(500, Double.parseDouble(holding.group(1)),
                Double.parseDouble(holding.group(2)), 0.99, 200_000);
        assertThat(independent).isBetween(low, high);

        JsonNode plan = new ObjectMapper().readTree(outDir.resolve(PlanJson.FILE_NAME).toFile());
        JsonNode client = required(plan, "/clients/0");
        assertThat(required(client, "/recommendedWorkers").asInt()).isEqualTo(recommended);
        JsonNode interval = required(client, "/workerInterval");
        assertThat(required(interval, "/low").asInt()).isEqualTo(low);
        assertThat(required(interval, "/high").asInt()).isEqualTo(high);
        assertThat(required(interval, "/confidence").asDouble()).isEqualTo(0.90);
        assertThat(required(interval, "/resamples").asInt()).isEqualTo(1_000);
        assertThat(required(interval, "/sloChance").size()).isGreaterThanOrEqualTo(3);
        JsonNode usl = required(client, "/usl");
        JsonNode uslIntervals = required(usl, "/intervals");
        for (String figure : List.of("sigma", "kappa", "lambda", "peakWorkers", "highestThroughput", "amdahlLimit")) {
            JsonNode range = required(uslIntervals, "/" + figure);
            assertThat(range.has("low") && range.has("high")).as("usl.intervals." + figure).isTrue();
        }
        assertThat(required(uslIntervals, "/lambda/low").asDouble())
                .isLessThanOrEqualTo(required(usl, "/lambda").asDouble());
        assertThat(required(client, "/validation")).hasSize(2 * (recommended == 1 ? 2 : 3));
        Set<Long> seeds = new HashSet<>();
        for (JsonNode run : required(client, "/validation")) {
            assertThat(required(run, "/measuredP99Micros").asLong()).isPositive();
            Path summary = Path.of(required(run, "/dir").asText()).resolve("summary.json");
            seeds.add(required(new ObjectMapper().readTree(summary.toFile()), "/config/seed").asLong());
        }
        // Repeats are independent samples of the arrivals and the work, not one sample replayed.
        assertThat(seeds).as("the validation runs' seeds").hasSize(required(client, "/validation").size());
        assertThat(required(client, "/validationSummary")).hasSize(recommended == 1 ? 2 : 3);
        assertThat(required(client, "/agreement/text").asText()).startsWith("measurement and model");
        for (JsonNode run : required(client, "/evidence")) {
            assertThat(Files.exists(Path.of(required(run, "/dir").asText()).resolve("summary.json"))).isTrue();
        }
    }
}
