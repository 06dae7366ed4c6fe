package dev.callq.bench.testkit;

import dev.callq.bench.cli.Main;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The CLI in a JVM of its own, so that its exit code, stdout and stderr are a user's, and a test class that
 * reads them can run beside others (the console of the test JVM is shared, see {@link Console}). For commands
 * that measure nothing themselves (bad input, a refused login, a planner whose runs are forked anyway): the
 * child JVM starts with C1 only and the serial collector, which halves its start-up and changes nothing it prints.
 */
public final class CallqProcess {
    public record Outcome(int exitCode, String stdout, String stderr) {
    }

    private CallqProcess() {
    }

    /** Runs {@code callq args…} with {@code environment} added, its output kept in {@code dir}; at most 60 s. */
    public static Outcome run(Path dir, Map<String, String> environment, List<String> args)
            throws IOException, InterruptedException {
        return run(dir, environment, args, Duration.ofSeconds(60));
    }

    /** As {@link #run(Path, Map, List)}, for at most {@code timeout}. */
    public static Outcome run(Path dir, Map<String, String> environment, List<String> args, Duration timeout)
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
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("callq " + String.join(" ", args) + " did not finish within " + timeout);
        }
        return new Outcome(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }

    /**
     * Starts {@code callq args…} in a JVM of its own, with the JIT and collector a run measures with (unlike
     * {@link #run}), its stdout and stderr together in {@code log}, and returns it running: for tests that stop
     * or kill it. {@code jvmOptions} go before the class path. Pair it with {@link #killWithChildren} in a
     * {@code finally}.
     */
    public static Process start(Path log, List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Kills {@code callq} and whatever it started that still runs: the clean-up after a test that stopped it. */
    public static void killWithChildren(Process callq) {
        callq.descendants().forEach(ProcessHandle::destroyForcibly);
        callq.destroyForcibly();
    }
}
