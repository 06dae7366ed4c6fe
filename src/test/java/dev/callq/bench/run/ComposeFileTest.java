package dev.callq.bench.run;

import dev.callq.bench.options.RunConfig;
import dev.callq.bench.options.RunOptions;
import dev.callq.bench.load.LoadKind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.callq.bench.testkit.Json.required;

/**
 * docker-compose.yml's own-system profile, read as Docker Compose reads it, without a Docker engine (which
 * ComposeTopologyTest needs): the same parts as a local SIP run, one service each (the harness's SIPp UAC and
 * workers → Kamailio → a SIPp UAS; Kamailio → Redis), wired so that the harness's options, checked as
 * {@code callq run} checks them, name the other services, and Kamailio pushes what the harness expects.
 */
class ComposeFileTest {
    private static final Path COMPOSE = Path.of("docker-compose.yml");
    private static final Path KAMAILIO_ENTRYPOINT = Path.of("kamailio/docker-entrypoint.sh");

    private final JsonNode services = read().path("services");

    @Test
    void theOwnSystemProfileRunsEachPartAsItsOwnService() {
        Set<String> ownSystem = new TreeSet<>();
        services.fieldNames().forEachRemaining(name -> {
            for (JsonNode profile : services.path(name).path("profiles")) {
                if (profile.asText().equals("own-system")) {
                    ownSystem.add(name);
                }
            }
        });

        assertThat(ownSystem).containsExactly("harness", "kamailio", "redis", "sipp-uas");
        assertThat(fieldNames(services.at("/harness/depends_on"))).containsExactlyInAnyOrder("redis", "kamailio",
                "sipp-uas");
        assertThat(required(services, "/kamailio/build").asText()).isEqualTo("kamailio");
    }

    @Test
    void theHarnessReachesTheOtherServicesWithOptionsCallqRunAccepts() {
        RunConfig config = harnessConfig();

        assertThat(config.load()).isEqualTo(LoadKind.SIP);
        assertThat(config.redis().host()).isEqualTo("redis");
        assertThat(config.redis().port()).isEqualTo(6379);
        assertThat(config.kamailio().host()).isEqualTo("kamailio");
        assertThat(config.kamailio().port()).isEqualTo(Integer.parseInt(
                services.at("/kamailio/environment/SIP_PORT").asText("5060")));

        // The UAS listens where the harness addresses its INVITEs, started by the bundled script an operator
        // runs by hand (sipp-scenarios/uas.sh, with the bundled UAS scenario beside it).
        String uasCommand = services.at("/sipp-uas/entrypoint").toString();
        Matcher port = Pattern.compile("--port (\\d+)").matcher(uasCommand);
        assertThat(port.find()).as(uasCommand).isTrue();
        assertThat(config.uas().host()).isEqualTo("sipp-uas");
        assertThat(config.uas().port()).isEqualTo(Integer.parseInt(port.group(1)));
        assertThat(required(services, "/sipp-uas/expose/0").asText()).isEqualTo(port.group(1) + "/udp");
        Matcher script = Pattern.compile("exec (\\S+/uas\\.sh) ").matcher(uasCommand);
        assertThat(script.find()).as(uasCommand).isTrue();
        assertThat(Path.of(script.group(1))).isExecutable();
        assertThat(Path.of(script.group(1)).resolveSibling("uas.xml")).exists();
        // Compose would expand a single $ itself, before the shell sees it.
        assertThat(uasCommand).doesNotContainPattern("(?<!\\$)\\$\\(").contains("$$(hostname -i");
    }

    @Test
    void kamailioPushesWhatTheHarnessExpectsToTheRedisItMeasures() throws Exception {
        RunConfig config = harnessConfig();
        JsonNode environment = services.at("/kamailio/environment");

        assertThat(required(environment, "/REDIS_HOST").asText()).isEqualTo(config.redis().host());
        assertThat(required(environment, "/QUEUE_KEY").asText()).isEqualTo(config.key());
        assertThat(required(environment, "/PAYLOAD").asText()).isEqualTo(config.payload().cliName());
        assertThat(required(environment, "/EVENTS").asText()).isEqualTo(config.events().cliName());
        // Every variable set here is one the entrypoint reads, so none is silently ignored.
        String entrypoint = Files.readString(KAMAILIO_ENTRYPOINT, StandardCharsets.UTF_8);
        for (String name : fieldNames(environment)) {
            assertThat(entrypoint).as(name).contains("${" + name);
        }
    }

    /** The external-redis profile's bench measures the Redis service (ComposeTopologyTest runs it shorter). */
    @Test
    void theExternalRedisBenchMeasuresTheRedisServiceWithOptionsCallqRunAccepts() {
        RunConfig config = serviceConfig("bench");

        assertThat(config.load()).isEqualTo(LoadKind.SYNTHETIC);
        assertThat(config.redis().host()).isEqualTo("redis");
        assertThat(config.redis().port()).isEqualTo(6379);
        assertThat(fieldNames(services.at("/bench/depends_on"))).containsExactly("redis");
        assertThat(required(services, "/bench/profiles/0").asText()).isEqualTo("external-redis");
    }

    private RunConfig harnessConfig() {
        return serviceConfig("harness");
    }

    private RunConfig serviceConfig(String service) {
        List<String> command = new ArrayList<>();
        services.at("/" + service + "/command").forEach(arg -> command.add(arg.asText()));
        assertThat(command.get(0)).isEqualTo("run");
        // --out is callq run's own; the rest are the run options every command shares.
        int out = command.indexOf("--out");
        assertThat(out).as("the harness writes into the mounted results folder").isPositive();
        assertThat(command.get(out + 1)).startsWith("results/");
        List<String> runOptions = new ArrayList<>(command.subList(1, command.size()));
        runOptions.subList(out - 1, out + 1).clear();
        return RunOptions.parse(runOptions).toConfig(Path.of(command.get(out + 1)));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode read() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(COMPOSE.toFile());
        } catch (Exception e) {
            throw new AssertionError("cannot read " + COMPOSE + ": " + e.getMessage(), e);
        }
    }
}
