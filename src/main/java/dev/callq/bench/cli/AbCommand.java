package dev.callq.bench.cli;

import dev.callq.bench.ExitCode;
import dev.callq.bench.HarnessException;
import dev.callq.bench.compare.Comparison;
import dev.callq.bench.compare.Tolerance;
import dev.callq.bench.run.ForkedRun;
import dev.callq.bench.suite.SuiteSpec;
import dev.callq.bench.suite.SuiteSpecParser;
import dev.callq.bench.sweep.SweepCell;
import dev.callq.bench.sweep.SweepSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code callq ab --base GIT_REF SUITE_FILE}: the same-runner A/B gate. Builds the base revision in a
 * temporary git worktree, runs the suite's cells with the base build and with this one interleaved on
 * this machine ({@link AbRun}), compares them, and removes the worktree.
 */
@Command(name = "ab", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Builds GIT_REF in a temporary git worktree, runs every cell of the suite with that build "
                + "and with this one, interleaved ABBA on this machine (a fresh JVM per cell), and compares them.",
                "Exit codes: 0 no regression; 2 bad input (unknown ref, base does not build); 4 the gate fails "
                        + "(a regression, or a cell missing, too thin or untrustworthy on either side)."})
public final class AbCommand implements Callable<Integer> {
    @Option(names = "--base", required = true, paramLabel = "GIT_REF", description = "the revision to compare against, "
            + "e.g. origin/main or a pull request's base commit")
    String base;

    @Parameters(index = "0", paramLabel = "SUITE_FILE", description = "the suite file (YAML), e.g. benchmarks/ci.yaml")
    Path file;

    @Option(names = "--out", description = "A/B folder (default: results/ab-<name>-<time>)")
    Path outDir;

    @Mixin
    MaxRegressionOption maxRegression = new MaxRegressionOption();

    /** Building the base revision: Maven offline first (the local repository usually holds it all). */
    private static final long BUILD_TIMEOUT_MINUTES = 15;

    @Override
    public Integer call() throws IOException {
        SuiteSpec suite = SuiteSpecParser.read(file);
        Tolerance tolerance = maxRegression.tolerance();
        for (SweepSpec sweep : suite.sweeps()) {
            SweepCell.expand(sweep.axes()).forEach(cell -> SweepCommand.validate(sweep, cell));
        }
        Path repository = Path.of(git(ownDirectory(), "rev-parse", "--show-toplevel").trim());
        String commit = git(repository, "rev-parse", "--verify", base + "^{commit}").trim();
        Path dir = outDir != null ? outDir : DefaultOutDir.timestamped("ab-" + suite.name());
        Files.createDirectories(dir);
        Path worktree = Files.createTempDirectory("callq-ab-base-");
        try {
            System.out.println("building the base " + base + " (" + commit.substring(0, 12) + ") in " + worktree);
            git(repository, "worktree", "add", "--detach", worktree.toString(), commit);
            build(worktree, commit, dir.resolve("base-build.log"));
            Path baseJar = worktree.resolve("target/callq-bench.jar");
            if (!Files.isRegularFile(baseJar)) {
                throw new HarnessException("the base " + base + " built no target/callq-bench.jar");
            }
            Comparison comparison = new AbRun(suite, ForkedRun.launcher(baseJar.toString(), List.of()),
                    ForkedRun.thisCallq(), dir, System.out).run(tolerance);
            return comparison.hasRegression() ? ExitCode.REGRESSION : ExitCode.OK;
        } finally {
            removeWorktree(repository, worktree);
        }
    }

    /**
     * Where this callq was built (its jar's folder, or its classes'): the repository whose revision is
     * compared, whatever directory the command was started from.
     */
    private static Path ownDirectory() {
        Path first = Path.of(System.getProperty("java.class.path").split(File.pathSeparator)[0]).toAbsolutePath();
        return Files.isDirectory(first) ? first : first.getParent();
    }

    /** Builds the base as the launcher builds any revision, recording its commit in the base's results. */
    private static void build(Path worktree, String commit, Path log) {
        for (boolean offline : new boolean[] {true, false}) {
            List<String> command = new ArrayList<>(List.of("mvn", "-B", "-q", "-DskipTests",
                    "-Dcallq.commit=" + commit.substring(0, 12), "package"));
            if (offline) {
                command.add(1, "-o");
            }
            if (exec(worktree, command, log) == 0) {
                return;
            }
        }
        throw new HarnessException("the base revision does not build; see " + log);
    }

    private static void removeWorktree(Path repository, Path worktree) {
        try {
            git(repository, "worktree", "remove", "--force", worktree.toString());
        } catch (HarnessException e) {
            System.err.println("callq: could not remove the base worktree " + worktree + ": " + e.getMessage());
        }
    }

    /** Runs git and returns its output; a failure is a one-line error naming the command. */
    static String git(Path directory, String... arguments) {
        List<String> command = new ArrayList<>(List.of("git", "-C", directory.toString()));
        command.addAll(List.of(arguments));
        try {
            Path output = Files.createTempFile("callq-git-", ".out");
            try {
                int exit = exec(directory, command, output);
                String text = Files.readString(output);
                if (exit != 0) {
                    throw new HarnessException(String.join(" ", command.subList(3, command.size())) + " failed: "
                            + text.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("exit " + exit));
                }
                return text;
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new HarnessException("cannot run git: " + e.getMessage(), e);
        }
    }

    private static int exec(Path directory, List<String> command, Path log) {
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!process.waitFor(BUILD_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new HarnessException(command.get(0) + " did not finish within " + BUILD_TIMEOUT_MINUTES + " minutes");
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new HarnessException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HarnessException("interrupted while running " + command.get(0), e);
        }
    }
}
