package dev.callq.bench.options;

import dev.callq.bench.result.SummaryJson;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.callq.bench.testkit.Json.required;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A forked run's options as one JSON file: every option read back as written, the Redis password never in it. */
class RunOptionsFileTest {
    @Test
    void theFileIsTypedByOptionAndKeyedByItsName(@TempDir Path dir) throws Exception {
        RunOptions options = RunOptions.parse(List.of("--client", "jedis", "--load", "synthetic", "--workers", "3",
                "--duration", "4.5", "--fault", "redis-pause:1s@1s", "--fault", "consumer-crash:1@2s", "--profile"));

        JsonNode json = SummaryJson.mapper().readTree(RunOptionsFile.write(options, dir).toFile());

        assertThat(required(json, "/client").asText()).isEqualTo("jedis");
        assertThat(required(json, "/workers").isIntegralNumber()).isTrue();
        assertThat(required(json, "/workers").asInt()).isEqualTo(3);
        assertThat(required(json, "/duration").asDouble()).isEqualTo(4.5);
        assertThat(required(json, "/fault").isArray()).isTrue();
        assertThat(required(json, "/fault/1").asText()).isEqualTo("consumer-crash:1@2s");
        assertThat(required(json, "/profile").asBoolean()).isTrue();
    }

    @Test
    void aRedisPasswordStaysOutOfTheFileAndComesBackFromWhereItWasHanded(@TempDir Path dir) throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "not read until a connection is made");
        String password = "s3cret-in-url";
        RunOptions options = RunOptions.of("--load", "synthetic", "--redis", "rediss://alice:" + password
                + "@127.0.0.1:6400/2", "--redis-ca", ca.toString());

        Path file = RunOptionsFile.write(options, dir);

        assertThat(Files.readString(file, StandardCharsets.UTF_8)).doesNotContain(password).doesNotContain("6400")
                .contains("redis-ca");
        assertThat(RunOptionsFile.withheldRedis(options)).contains(password);
        RunOptions read = RunOptionsFile.read(file, RunOptionsFile.withheldRedis(options));
        assertThat(read.toConfig(dir).redis().password()).isEqualTo(password);
        assertThat(read).isEqualTo(options);
    }

    @Test
    void aFileThatIsNotOptionsIsOneLineNamingIt(@TempDir Path dir) throws Exception {
        Path notJson = Files.writeString(dir.resolve("a.json"), "workers: 4");
        Path unknown = Files.writeString(dir.resolve("b.json"), "{\"frobnicate\": 1}");

        assertThatThrownBy(() -> RunOptionsFile.read(notJson)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(notJson + " is not a run's options").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> RunOptionsFile.read(unknown)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--frobnicate");
    }
}
