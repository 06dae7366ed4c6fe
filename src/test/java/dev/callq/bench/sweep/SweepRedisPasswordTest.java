package dev.callq.bench.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callq.bench.ExitCode;
import dev.callq.bench.testkit.Console;
import dev.callq.bench.cli.Main;
import dev.callq.bench.env.LocalRedis;
import dev.callq.bench.env.RedisEndpoint;
import dev.callq.bench.result.RunVerdict;
import dev.callq.bench.result.SummaryJson;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.callq.bench.testkit.Json.required;

/** A sweep whose options name a Redis with a password: the cells log in, no file and no dry run shows it. */
@Isolated("it captures the console")
@Tag("processes")
class SweepRedisPasswordTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void theCellsLogInAndNoFileOfTheSweepHoldsThePassword() throws Exception {
        try (LocalRedis redis = LocalRedis.start(Files.createDirectories(dir.resolve("redis")),
                new LocalRedis.Security(true, false, false))) {
            RedisEndpoint server = redis.endpoint();
            String url = "redis://" + server.user() + ":" + server.password() + "@127.0.0.1:" + server.port();
            Path yaml = Files.writeString(dir.resolve("sweep.yaml"), """
                    name: login
                    load: synthetic
                    phases: {warmupSeconds: 0, durationSeconds: 1, drainTimeoutSeconds: 10}
                    options: {redis: "%s"}
                    axes:
                      clients: [lettuce]
                      workers: [2]
                      rates: [300]
                    """.formatted(url));
            Path out = dir.resolve("out");

            String dryRun = stdoutOf("sweep", yaml.toString(), "--dry-run");
            int exit = Main.execute("sweep", yaml.toString(), "--out", out.toString());

            assertThat(dryRun).contains("--redis redis://callq:***@127.0.0.1:" + server.port())
                    .doesNotContain(server.password());
            JsonNode sweep = new ObjectMapper().readTree(out.resolve("sweep.json").toFile());
            assertThat(required(sweep, "/spec/options/redis").asText()).isEqualTo("redis://callq:***@127.0.0.1:" + server.port());
            assertThat(sweep.at("/cells/0/error").isMissingNode()).as("the cell's error: " + sweep.at("/cells/0/error"))
                    .isTrue();
            // The cell logged in and measured every event. On a busy machine its producer may lag its schedule:
            // then its verdict says so, and says nothing else, and the sweep's exit follows the cell's verdict.
            List<String> reasons = RunVerdict.of(SummaryJson.read(out.resolve(required(sweep, "/cells/0/folder").asText())))
                    .stream().flatMap(verdict -> verdict.reasons().stream()).toList();
            assertThat(reasons).as("why the cell is untrustworthy").allMatch(r -> r.startsWith("producer behind schedule"));
            assertThat(required(sweep, "/cells/0/trustworthy").asBoolean()).isEqualTo(reasons.isEmpty());
            assertThat(required(sweep, "/cells/0/exitCode").asInt()).isEqualTo(exit);
            assertThat(exit).isEqualTo(reasons.isEmpty() ? ExitCode.OK : ExitCode.UNTRUSTWORTHY);
            assertThat(required(sweep, "/cells/0/eventsExpected").asLong()).isPositive();
            assertThat(required(sweep, "/cells/0/eventsLost").asLong()).isZero();
            assertThat(required(sweep, "/cells/0/eventsDuplicates").asLong()).isZero();
            assertThat(required(sweep, "/cells/0/eventsLeftInQueue").asLong()).isZero();
            List<Path> files;
            try (Stream<Path> walk = Files.walk(out)) {
                files = walk.filter(Files::isRegularFile).toList();
            }
            assertThat(files).hasSizeGreaterThan(5);
            for (Path file : files) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
                        .as("the password in " + file).doesNotContain(server.password());
            }
        }
    }

    private static String stdoutOf(String... args) throws Exception {
        Console.Captured console = Console.capture(() -> Main.execute(args));
        assertThat(console.exitCode()).isZero();
        return console.stdout();
    }
}
