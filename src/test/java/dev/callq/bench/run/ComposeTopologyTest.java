package dev.callq.bench.run;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.callq.bench.testkit.Json.required;

/**
 * docker-compose.yml's own-system topology: Redis, Kamailio (kamailio/Dockerfile), the SIPp UAS and the harness
 * as separate containers, the harness using --redis, --kamailio and --uas. Skipped without a Docker engine;
 * ComposeFileTest checks the file's wiring and NetnsTopologyTest proves the same topology with network
 * namespaces where there is none.
 */
@Testcontainers(disabledWithoutDocker = true)
@Tag("processes")
class ComposeTopologyTest {
    @TempDir
    Path results;

    @Test
    void theComposeTopologyConsumesEveryCallsEventsOnce() throws Exception {
        try (ComposeContainer compose = new ComposeContainer(new File("docker-compose.yml"))
                .withLocalCompose(true)
                .withOptions("--profile own-system")
                .withEnv("CALLQ_RESULTS", results.toString())
                .withServices("redis", "kamailio", "sipp-uas", "harness")
                .waitingFor("harness", Wait.forLogMessage(".*results: .*summary\\.json.*", 1)
                        .withStartupTimeout(Duration.ofMinutes(20)))) {
            compose.start();
        }

        SummaryTree tree = new SummaryTree(results.resolve("own-system"));
        for (String client : new String[] {"jedis", "lettuce"}) {
            JsonNode result = tree.client(client);
            assertThat(required(result, "/calls/attempted").asLong()).isEqualTo(300);
            assertThat(required(result, "/events/expected").asLong()).isEqualTo(600);
            assertThat(required(result, "/events/consumed").asLong()).isEqualTo(600);
            assertThat(required(result, "/events/lost").asLong()).isZero();
            assertThat(required(result, "/clientEnvironment/kamailio").asText()).startsWith("started by the user");
            assertThat(required(result, "/clientEnvironment/uas").asText()).isEqualTo("started by the user, at sipp-uas:5070");
        }
    }
}
