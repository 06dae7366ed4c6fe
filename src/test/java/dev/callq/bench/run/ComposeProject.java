package dev.callq.bench.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.callq.bench.env.ManagedProcess;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * docker-compose.yml driven as its users drive it, from the project's folder: with {@code docker compose} (v2)
 * where that plugin is installed, else with {@code docker-compose} (Debian's 1.29). One project of its own
 * per instance, so that its containers and bridge network are this test's alone; {@link #close()} takes them
 * down (Testcontainers' reaper is off where its image cannot be pulled: nothing else would).
 */
final class ComposeProject implements AutoCloseable {
    private static final Path COMPOSE_FILE = Path.of("docker-compose.yml");
    private static final Duration DOWN_TIMEOUT = Duration.ofMinutes(2);

    private final List<String> compose;
    private final Path results;
    private int commands;

    /**
     * @param profile the compose profile to enable, or null
     * @param results the host folder the services' {@code /callq/results} is ({@code CALLQ_RESULTS}); the
     *                compose commands' own output goes there too
     */
    ComposeProject(String profile, Path results) {
        this(profile, results, Map.of());
    }

    /**
     * @param commands services whose command this project replaces (service → its words), through a second
     *                 compose file as a user's override file does; the first file's wiring stays as it is
     */
    ComposeProject(String profile, Path results, Map<String, List<String>> commands) {
        this.results = results;
        this.compose = new ArrayList<>(composeCommand());
        compose.addAll(List.of("-f", COMPOSE_FILE.toString()));
        if (!commands.isEmpty()) {
            compose.addAll(List.of("-f", overrideFile(results, commands).toString()));
        }
        compose.addAll(List.of("-p", "callq-test-" + UUID.randomUUID().toString().substring(0, 8)));
        if (profile != null) {
            compose.addAll(List.of("--profile", profile));
        }
    }

    /** The command docker-compose.yml gives {@code service}, word by word. */
    static List<String> command(String service) {
        try {
            JsonNode words = new ObjectMapper(new YAMLFactory()).readTree(COMPOSE_FILE.toFile())
                    .at("/services/" + service + "/command");
            if (!words.isArray() || words.isEmpty()) {
                throw new AssertionError(COMPOSE_FILE + " gives " + service + " no command");
            }
            List<String> command = new ArrayList<>();
            words.forEach(word -> command.add(word.asText()));
            return command;
        } catch (IOException e) {
            throw new AssertionError("cannot read " + COMPOSE_FILE + ": " + e.getMessage(), e);
        }
    }

    /** {@code command} with {@code option} set to {@code value}: its value replaced where it is given, else added. */
    static List<String> withOption(List<String> command, String option, String value) {
        List<String> changed = new ArrayList<>(command);
        int at = changed.indexOf(option);
        if (at < 0) {
            changed.addAll(List.of(option, value));
        } else {
            changed.set(at + 1, value);
        }
        return changed;
    }

    /** A compose file (JSON, which is YAML too) that gives each service of {@code commands} its command. */
    private static Path overrideFile(Path dir, Map<String, List<String>> commands) {
        Map<String, Object> services = new TreeMap<>();
        commands.forEach((service, command) -> services.put(service, Map.of("command", command)));
        Path file = dir.resolve("compose-override.yml");
        try {
            new ObjectMapper().writeValue(file.toFile(), Map.of("services", services));
        } catch (IOException e) {
            throw new AssertionError("cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    /** What a compose command printed (stdout and stderr) and its exit code. */
    record Outcome(int exitCode, String output) {
    }

    /** Runs {@code docker compose <arguments>} in this project; fails after {@code timeout}. */
    Outcome run(Duration timeout, String... arguments) {
        List<String> command = new ArrayList<>(compose);
        command.addAll(List.of(arguments));
        Path log = results.resolve("compose-" + (++commands) + "-" + arguments[0] + ".log");
        // The services mount CALLQ_RESULTS; docker compose reads it from its own environment.
        List<String> withResults = new ArrayList<>(List.of("env", "CALLQ_RESULTS=" + results));
        withResults.addAll(command);
        try (ManagedProcess process = ManagedProcess.start("docker compose", withResults, Path.of("").toAbsolutePath(), log)) {
            int exitCode = process.waitFor(timeout);
            return new Outcome(exitCode, Files.readString(log, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot read " + log + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        Outcome down = run(DOWN_TIMEOUT, "down", "--volumes", "--remove-orphans", "--timeout", "5");
        if (down.exitCode() != 0) {
            throw new AssertionError("docker compose down failed, containers may be left:\n" + down.output());
        }
    }

    /** {@code docker compose} where the v2 plugin answers, else {@code docker-compose}. */
    static List<String> composeCommand() {
        try {
            Process v2 = new ProcessBuilder("docker", "compose", "version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (v2.waitFor() == 0) {
                return List.of("docker", "compose");
            }
        } catch (IOException noDockerCli) {
            // docker-compose (1.x) needs no docker command.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return List.of("docker-compose");
    }
}
