package dev.callq.bench.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callq.bench.ExitCode;
import dev.callq.bench.testkit.RunExit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.callq.bench.testkit.Json.required;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml run as docs/docker.md runs it, each service on the project's own bridge network: the
 * own-system topology (Redis, Kamailio from kamailio/Dockerfile, the SIPp UAS and the harness as separate
 * containers, the harness using --redis, --kamailio and --uas), the external-redis profile, and the all-in-one
 * image. Skipped without a Docker engine (Testcontainers looks for one); ComposeFileTest checks the file's
 * wiring and NetnsTopologyTest the same topology with network namespaces where there is none.
 */
@Isolated("its containers need the machine: beside other classes the Redis container stalled for 2 s")
@Tag("docker")
@Tag("processes")
@RequiresDocker
class ComposeTopologyTest {
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);
    /**
     * The harness's exit codes of a run that ended with its table: trustworthy, or not, and then only because a
     * starved machine earned it (a producer behind its schedule), which RunExit checks against summary.json.
     * What these tests pin is the accounting, read from summary.json.
     */
    private static final Integer[] RAN_TO_THE_END = {ExitCode.OK, ExitCode.UNTRUSTWORTHY};
    /** The SIP runs' calls at 100 a second: 1 s of load, each call's INVITE and BYE events accounted for. */
    private static final int CALLS = 100;

    @TempDir
    Path results;

    @BeforeAll
    static void images(@TempDir Path logs) {
        DockerImages.prepareAll(logs);
    }

    @Test
    void theOwnSystemTopologyConsumesEveryCallsEventsOnce() throws Exception {
        // The harness's command as the file wires it (ComposeFileTest checks it), for the two clients asserted
        // on rather than every one, a warm-up of 1 s rather than up to 15 s while the JIT compiles, and 1 s of
        // calls rather than the file's 3 s.
        List<String> harness = ComposeProject.withOption(ComposeProject.command("harness"), "--client", "jedis,lettuce");
        harness = ComposeProject.withOption(harness, "--warmup-max", "1");
        harness = ComposeProject.withOption(harness, "--calls", Integer.toString(CALLS));
        int exit;
        try (ComposeProject compose = new ComposeProject("own-system", results, Map.of("harness", harness))) {
            ComposeProject.Outcome up = compose.run(RUN_TIMEOUT, "up", "--exit-code-from", "harness", "harness");
            assertThat(up.exitCode()).as(up.output()).isIn(RAN_TO_THE_END);
            exit = up.exitCode();
        }

        SummaryTree tree = new SummaryTree(results.resolve("own-system"));
        RunExit.assertTrustworthyOrStarved(exit, List.of(tree.client("jedis"), tree.client("lettuce")));
        for (String client : new String[] {"jedis", "lettuce"}) {
            JsonNode result = tree.client(client);
            assertThat(required(result, "/calls/attempted").asLong()).isEqualTo(CALLS);
            assertThat(required(result, "/events/expected").asLong()).isEqualTo(2 * CALLS);
            assertThat(required(result, "/events/consumed").asLong()).isEqualTo(2 * CALLS);
            assertThat(required(result, "/events/lost").asLong()).isZero();
            assertThat(required(result, "/events/duplicates").asLong()).isZero();
            assertThat(required(result, "/events/unexpected").asLong()).isZero();
            assertThat(required(result, "/clientEnvironment/kamailio").asText()).startsWith("started by the user");
            assertThat(required(result, "/clientEnvironment/uas").asText()).isEqualTo("started by the user, at sipp-uas:5070");
        }
    }

    @Test
    void theExternalRedisProfileMeasuresTheRedisContainer() throws Exception {
        // The profile's own command with shorter phases (its 5 s, and the JIT's warm-up for each client, are a
        // benchmark's length), for the two clients asserted on; ComposeFileTest checks the file's command.
        List<String> bench = ComposeProject.withOption(ComposeProject.command("bench"), "--client", "jedis,lettuce");
        bench = ComposeProject.withOption(bench, "--duration", "2");
        bench = ComposeProject.withOption(bench, "--warmup", "0.5");
        bench = ComposeProject.withOption(bench, "--warmup-max", "0.5");
        int exit;
        try (ComposeProject compose = new ComposeProject("external-redis", results)) {
            List<String> arguments = new ArrayList<>(List.of("run", "--rm", "-T", "bench"));
            arguments.addAll(bench);
            ComposeProject.Outcome run = compose.run(RUN_TIMEOUT, arguments.toArray(new String[0]));
            assertThat(run.exitCode()).as(run.output()).isIn(RAN_TO_THE_END);
            exit = run.exitCode();
        }

        SummaryTree tree = new SummaryTree(results.resolve("external-redis"));
        RunExit.assertTrustworthyOrStarved(exit, List.of(tree.client("jedis"), tree.client("lettuce")));
        for (String client : new String[] {"jedis", "lettuce"}) {
            JsonNode result = tree.client(client);
            assertThat(required(result, "/events/consumed").asLong()).isEqualTo(required(result, "/events/expected").asLong()).isPositive();
            assertThat(required(result, "/events/lost").asLong()).isZero();
        }
    }

    @Test
    void theAllInOneImagePrintsItsTableInUtf8() throws Exception {
        ComposeProject.Outcome run;
        try (ComposeProject compose = new ComposeProject(null, results)) {
            run = compose.run(RUN_TIMEOUT, "run", "--rm", "-T", "callq", "run", "--client", "jedis", "--rate", "100",
                    "--calls", Integer.toString(CALLS), "--warmup", "1", "--warmup-max", "1", "--out", "results/all-in-one");
            assertThat(run.exitCode()).as(run.output()).isIn(RAN_TO_THE_END);
        }

        // Without a UTF-8 locale Java 17 prints → and µ as '?'.
        assertThat(run.output()).contains("→", "µ").doesNotContain("enqueue?dequeue", "(?s)");
        JsonNode result = new SummaryTree(results.resolve("all-in-one")).client("jedis");
        RunExit.assertTrustworthyOrStarved(run.exitCode(), List.of(result));
        assertThat(required(result, "/events/expected").asLong()).isEqualTo(2 * CALLS);
        assertThat(required(result, "/events/consumed").asLong()).isEqualTo(2 * CALLS);
    }
}
