package dev.callq.bench.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callq.bench.cli.Main;
import dev.callq.bench.env.RedisEndpoint;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.callq.bench.testkit.Json.required;

/**
 * {@code --redis host:port}: the harness measures a Redis it did not start. Against a local
 * redis-server always, and against a Redis container where Docker is available (skipped otherwise).
 */
@Testcontainers(disabledWithoutDocker = true)
@Tag("processes")
class ExternalRedisTest {
    @TempDir
    Path outDir;

    @Container
    static final GenericContainer<?> REDIS_CONTAINER = new GenericContainer<>("redis:7.0").withExposedPorts(6379);

    @Test
    void measuresARedisInAContainer() throws Exception {
        RedisEndpoint endpoint = new RedisEndpoint(REDIS_CONTAINER.getHost(), REDIS_CONTAINER.getMappedPort(6379));

        assertBalancedRunAgainst(endpoint, outDir);
    }

    static void assertBalancedRunAgainst(RedisEndpoint endpoint, Path outDir) throws Exception {
        int exit = Main.execute("run", "--load", "synthetic", "--client", "both", "--rate", "1000",
                "--duration", "2", "--warmup", "1", "--warmup-max", "1", "--redis", endpoint.toString(), "--out", outDir.toString());

        assertThat(exit).isZero();
        SummaryTree results = new SummaryTree(outDir);
        for (String client : new String[] {"jedis", "lettuce"}) {
            JsonNode result = results.client(client);
            assertThat(required(result, "/events/consumed").asLong()).isEqualTo(required(result, "/events/expected").asLong())
                    .isPositive();
            assertThat(required(result, "/events/lost").asLong()).isZero();
        }
    }
}
