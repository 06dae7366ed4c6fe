package dev.callq.bench.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CLI in a JVM of its own, so that its exit code, stdout and stderr are a user's. For commands that
 * stop before they measure anything (bad input, a refused login): the child JVM starts with C1 only and the
 * serial collector, which halves its start-up and changes nothing it prints.
 */
final class CallqProcess {
    record Outcome(int exitCode, String stdout, String stderr) {
    }

    private CallqProcess() {
    }

    /** Runs {@code callq args…} with {@code environment} added, its output kept in {@code dir}; at most 60 s. */
    static Outcome run(Path dir, Map<String, String> environment, List<String> args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        Path stdout = dir.resolve("stdout");
        Path stderr = dir.resolve("stderr");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("callq finished").isTrue();
        return new Outcome(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }
}
