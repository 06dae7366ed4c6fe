package dev.callq.bench.run;

import dev.callq.bench.options.RunOptionsFile;
import dev.callq.bench.options.RunOptions;
import dev.callq.bench.ExitCode;
import dev.callq.bench.HarnessException;
import dev.callq.bench.env.ManagedProcess;
import dev.callq.bench.result.RunSummary;
import dev.callq.bench.result.SummaryJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one {@code callq run} in a JVM of its own, as JMH forks do: the JIT state, heap and threads
 * left by one measured cell cannot colour the next. The child's output goes to {@code run.log} in
 * its results folder; its {@code summary.json} is read back.
 */
public final class ForkedRun {
    /** The heap of a forked cell: fixed, so that heap resizing does not show up as latency. */
    private static final List<String> JVM_OPTIONS = List.of("-Xms1g", "-Xmx1g");
    /**
     * JVM options, separated by spaces, added to every JVM callq forks (a sweep's cells, a plan's and a max-rate
     * search's runs, an A/B gate's cells): {@code -XX:+UseZGC}, say, to measure every cell with another collector.
     * The test suite gives its forks {@code -XX:TieredStopAtLevel=1}: C1 alone compiles in a fraction of the CPU
     * C2 takes, and the forked runs it starts check what callq prints and writes, not how fast a JVM runs.
     */
    public static final String JVM_OPTIONS_VARIABLE = "CALLQ_FORK_JVM_OPTIONS";
    /** How {@code callq run} is given a {@link RunOptionsFile}: hidden, for forked runs only. */
    public static final String OPTIONS_FILE = "--options-file";
    /** The command line's main class, named rather than imported: {@code run} sits below {@code cli}. */
    private static final String CALLQ_MAIN = "dev.callq.bench.cli.Main";

    private ForkedRun() {
    }

    /**
     * Callq was stopped (Ctrl-C, SIGTERM) while a forked run ran, or before the next could start: the child was
     * stopped with it, and the caller's loop of cells or probes ends here rather than fork another. Not a
     * {@link HarnessException}, which those loops take as one cell's failure.
     */
    public static final class Stopped extends RuntimeException {
        Stopped(String message) {
            super(message);
        }
    }

    /** What a forked run left: its exit code and its summary. */
    public record Outcome(int exitCode, RunSummary summary, Path outDir) {
        /** True when the child said its numbers are trustworthy (exit 0). */
        public boolean trustworthy() {
            return exitCode == ExitCode.OK;
        }
    }

    /**
     * Runs {@code callq run --options-file <outDir>/run-options.json --out <outDir>} (the options as one
     * {@link RunOptionsFile}) and waits at most {@code timeout}.
     * Bad input or environment in the child (exit 2) becomes a one-line error here.
     */
    public static Outcome run(RunOptions options, Path outDir, Duration timeout) {
        return run(options, outDir, timeout, ProgressListener.NONE, 0);
    }

    /** As {@link #run(RunOptions, Path, Duration)}, showing the child's per-second figures as they come. */
    public static Outcome run(RunOptions options, Path outDir, Duration timeout, ProgressListener progress,
                              long measuredSeconds) {
        return run(thisCallq(), options, outDir, timeout, progress, measuredSeconds);
    }

    /**
     * The command that starts callq from {@code classpath} (its jar, or a class path) in a fresh JVM
     * with the forked cells' heap, the options of {@value #JVM_OPTIONS_VARIABLE}, and {@code extraJvmOptions};
     * {@code run <options>} follows it.
     */
    public static List<String> launcher(String classpath, List<String> extraJvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        String fromEnvironment = System.getenv(JVM_OPTIONS_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            command.addAll(List.of(fromEnvironment.strip().split("\\s+")));
        }
        command.addAll(extraJvmOptions);
        command.addAll(List.of("-cp", classpath, CALLQ_MAIN));
        return command;
    }

    /** The launcher of this very callq (its own class path). */
    public static List<String> thisCallq() {
        return launcher(System.getProperty("java.class.path"), List.of());
    }

    /** As {@link #run(RunOptions, Path, Duration, ProgressListener, long)}, started by {@code launcher}. */
    public static Outcome run(List<String> launcher, RunOptions options, Path outDir, Duration timeout,
                              ProgressListener progress, long measuredSeconds) {
        // Asked first, which also makes sure callq's stop is noticed here: the flag's shutdown hook registers
        // when ManagedProcess is first used, and a parent that only forks may not have used it yet.
        if (ManagedProcess.shuttingDown()) {
            throw new Stopped("callq is stopping: no forked run started for " + outDir);
        }
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new HarnessException("cannot create " + outDir + ": " + e.getMessage(), e);
        }
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of("run", OPTIONS_FILE, RunOptionsFile.write(options, outDir).toString(),
                "--out", outDir.toString()));
        Path log = outDir.resolve("run.log");
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            // A Redis URL may hold a password: it goes to the child in its environment, which only the
            // child's user can read, rather than on its command line, which every user can, or in the file.
            builder.environment().remove(RunOptions.REDIS_ENV);
            String redis = RunOptionsFile.withheldRedis(options);
            if (redis != null) {
                builder.environment().put(RunOptions.REDIS_ENV, redis);
            }
            process = builder.start();
        } catch (IOException e) {
            throw new HarnessException("cannot start a forked run: " + e.getMessage(), e);
        }
        // Ctrl-C on the parent must not leave the child, and the redis-server it started, running.
        Thread stopChild = new Thread(process::destroy, "stop-forked-run");
        Runtime.getRuntime().addShutdownHook(stopChild);
        try (TimeseriesFollower follower = new TimeseriesFollower(outDir, progress, measuredSeconds)) {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroy();
                process.waitFor(10, TimeUnit.SECONDS);
                process.destroyForcibly();
                throw new HarnessException("a forked run did not finish within " + timeout.toSeconds() + " s; see " + log);
            }
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new HarnessException("interrupted while waiting for a forked run", e);
        } finally {
            removeHook(stopChild);
        }
        if (ManagedProcess.shuttingDown()) {
            // The shutdown hook stopped the child (it exits 130 with what it measured): the caller stops too.
            throw new Stopped("stopped (SIGINT or SIGTERM) while a forked run was running; see " + log);
        }
        int exitCode = process.exitValue();
        Path summary = outDir.resolve(SummaryJson.FILE_NAME);
        if (exitCode == ExitCode.USAGE || !Files.exists(summary)) {
            throw new HarnessException("forked run failed (exit " + exitCode + "): " + lastErrorLine(log));
        }
        return new Outcome(exitCode, SummaryJson.read(outDir), outDir);
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is exiting: the hook is running or about to, which is what it is for.
        }
    }

    private static String lastErrorLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).startsWith("callq:")) {
                    return lines.get(i).replaceFirst("^callq: (error: )?", "");
                }
            }
            return lines.isEmpty() ? "no output; see " + log : lines.get(lines.size() - 1);
        } catch (IOException e) {
            return "see " + log;
        }
    }
}
