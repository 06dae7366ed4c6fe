package dev.callq.bench.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callq.bench.cli.Main;
import dev.callq.bench.env.RedisEndpoint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

import java.nio.file.Path;

import static dev.callq.bench.testkit.Json.required;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --redis host:port}: the harness measures a Redis it did not start. Against a Redis container here,
 * CALLQ_REDIS_IMAGE (Debian's redis-server by default, built by scripts/docker-base-images.sh), reached through
 * a published port; skipped without a Docker engine. ExternalLocalRedisTest runs the same against a local
 * redis-server everywhere.
 */
@Isolated("its container needs the machine: beside other classes a client fell behind a 0.1 s backlog")
@Tag("docker")
@Tag("processes")
@RequiresDocker
class ExternalRedisTest {
    @TempDir
    Path outDir;

    @BeforeAll
    static void images(@TempDir Path logs) {
        DockerImages.prepareBase(logs);
    }

    @Test
    void measuresARedisInAContainer() throws Exception {
        // Started and removed here rather than by @Container: the image exists only once images() ran, and with
        // Testcontainers' reaper off (its image cannot be pulled) this close() is what removes the container.
        try (GenericContainer<?> redis = new GenericContainer<>(DockerImageName.parse(DockerImages.REDIS))
                .withExposedPorts(6379)) {
            redis.start();
            assertBalancedRunAgainst(new RedisEndpoint(redis.getHost(), redis.getMappedPort(6379)), outDir);
        }
    }

    /** A short synthetic run of the two clients it asserts on ("both" is every registered client). */
    static void assertBalancedRunAgainst(RedisEndpoint endpoint, Path outDir) throws Exception {
        int exit = Main.execute("run", "--load", "synthetic", "--client", "jedis,lettuce", "--rate", "1000",
                "--duration", "2", "--warmup", "1", "--warmup-max", "1", "--redis", endpoint.toString(), "--out", outDir.toString());

        assertThat(exit).isZero();
        SummaryTree results = new SummaryTree(outDir);
        for (String client : new String[] {"jedis", "lettuce"}) {
            JsonNode result = results.client(client);
            assertThat(required(result, "/events/consumed").asLong()).isEqualTo(required(result, "/events/expected").asLong()).isPositive();
            assertThat(required(result, "/events/lost").asLong()).isZero();
        }
    }
}
