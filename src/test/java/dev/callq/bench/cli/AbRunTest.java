package dev.callq.bench.cli;

import dev.callq.bench.testkit.StartsEarly;
import dev.callq.bench.ExitCode;
import dev.callq.bench.run.ForkedRun;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code callq ab} end to end, as a pull request meets it: a small git repository made here from this
 * project's build files, with two revisions: the first one's workers skip their per-event work, the second
 * (HEAD) is this project's code, which does it. HEAD's build is this very build's classes, copied into the
 * repository's {@code target/classes}; its {@code callq ab} builds the first revision in a worktree of its
 * own with Maven, runs both sides and fails on the slower HEAD. (That an unchanged pair passes is
 * {@link AbUnchangedPairTest}'s, which needs the machine to itself; this class does not, see {@link #SUITE}.)
 */
@StartsEarly
@Tag("processes")
class AbRunTest {
    /**
     * The cell both revisions run: 30 ms of work per event in HEAD, none in the base. The test runs beside other
     * classes, so the regression is made large enough that the gate flags it whatever else runs, and the pool is
     * kept far from saturation so that the slower side stays a trustworthy measurement (3 ms more on one worker,
     * 80 % busy, was NOT SUSTAINED beside a load average of 8–15: an untrustworthy cell, not a regression):
     * <ul>
     *   <li>The gate ({@code compare.RepeatsTTest}) catches it on the p50 enqueue→done, the event's whole
     *       cost: with 2 repeats a side its t test has 2 degrees of freedom (t<sub>0.975</sub> = 4.30) and a
     *       standard error of ½·√(d<sub>base</sub>² + d<sub>current</sub>²), d being the log-distance between a
     *       side's two repeats; it flags when the log-ratio of the sides exceeds 2.15·√(d<sub>base</sub>² +
     *       d<sub>current</sub>²). The worst measured beside other work (two busy loops and a load average of
     *       14), with 1 ms of work against 31 ms: the base's p50 3.4 and 4.1 ms, the current's 34 and 35 ms, a
     *       log-ratio of 2.2, which the gate flags unless a side's two repeats differ by more than a factor of
     *       2.8 (they differed by 23 %). With no work on the base side the ratio is only larger.
     *       (The p99 enqueue→dequeue hardly moves: on either side an event barely waits for a worker.)</li>
     *   <li>The pool: 200 events/s × 30 ms is 6 Erlangs on 24 workers, 25 % busy; a neighbour that doubles
     *       every event's time still leaves it half idle. The ~6 events in the workers' hands when the
     *       measured phase ends are 2 % of it, within the sustained rule's 10 % ({@code SustainedLoad}).</li>
     *   <li>The warm-up stops after a second even while the JIT still compiles: what it would add to a 1 ms
     *       event is far below the 30 ms the test looks for.</li>
     *   <li>Evidence: 200 events/s for 1.5 s are about 300 latencies a repeat, above the 200 a cell needs
     *       ({@code CellMeasurement.MIN_SAMPLES}), and each whole second holds about 200, above the 100 a
     *       second needs to count ({@code MIN_INTERVAL_SAMPLES}); without such a second the p50 enqueue→done
     *       is not compared.</li>
     * </ul>
     */
    private static final String SUITE = """
            name: ab-test
            sweeps:
              - name: tiny
                load: synthetic
                phases: {warmupSeconds: 0.5, durationSeconds: 1.5, drainTimeoutSeconds: 10}
                options: {arrivals: poisson, warmup-max: 1}
                axes: {clients: [jedis], workers: [24], rates: [200], serviceTimes: ['fixed:30ms'], repeats: 2}
            """;

    /** What the jar is built from (the launcher's own list); tests, docs and results are left out. */
    private static final List<String> BUILD_FILES = List.of("pom.xml", "src/main", "benchmarks/jmh", "kamailio",
            "sipp-scenarios");

    /** The workers' per-event work, which the first revision skips. */
    private static final Path WORK_SOURCE = Path.of("src/main/java/dev/callq/bench/run/WorkFactory.java");
    private static final String WORK = "return () -> perThread.get().perform();";
    private static final String NO_WORK = "return () -> { };";
    /** This build's classes (Maven's), HEAD's build once copied into the repository. */
    private static final Path THIS_BUILD = Path.of("target", "classes");

    @TempDir
    Path dir;

    @Test
    void anUnknownBaseRevisionIsAOneLineErrorBeforeAnythingRuns() {
        int exit = Main.execute("ab", "--base", "no-such-revision", "benchmarks/ci.yaml", "--out",
                dir.resolve("never").toString());

        assertThat(exit).isEqualTo(ExitCode.USAGE);
        assertThat(dir.resolve("never")).doesNotExist();
    }

    @Test
    void onTwoRevisionsOfARepositoryTheSlowerHeadFails() throws Exception {
        Path repository = dir.resolve("repository");
        for (String file : BUILD_FILES) {
            copy(Path.of(file), repository.resolve(file));
        }
        String work = Files.readString(repository.resolve(WORK_SOURCE));
        assertThat(work).as("the workers' work, which the base skips").contains(WORK);
        Files.writeString(repository.resolve(WORK_SOURCE), work.replace(WORK, NO_WORK));
        git(repository, "init", "-q");
        git(repository, "add", "-A");
        git(repository, "commit", "-qm", "workers skip their work");
        Files.writeString(repository.resolve(WORK_SOURCE), work);
        git(repository, "commit", "-qam", "workers do their work");
        // HEAD is this project's sources, so this build is HEAD's: its classes, in the repository, make the
        // repository the one callq ab compares (it is where that callq was built).
        copy(THIS_BUILD, repository.resolve(THIS_BUILD));
        Path suite = dir.resolve("ab-test.yaml");
        Files.writeString(suite, SUITE);

        Path regressed = dir.resolve("regressed");
        String log = ab(repository, "HEAD~1", suite, regressed, ExitCode.REGRESSION);
        assertThat(Files.readString(regressed.resolve("compare.md"))).as(log).contains("**REGRESSION**");
        assertThat(Files.readString(regressed.resolve("report.html"))).contains("<svg").contains("Per-repeat p99 per cell");
        assertThat(regressed.resolve("base/tiny/cells")).isDirectory();
        assertThat(regressed.resolve("current/tiny/cells")).isDirectory();
        // ABBA: the first cell runs base first, the second current first.
        assertThat(log.lines().filter(l -> l.matches("^(base|current) .*")).map(l -> l.split(" ")[0]))
                .containsExactly("base", "current", "current", "base");
        assertThat(git(repository, "worktree", "list").lines()).as("the base's worktree is removed").hasSize(1);
        String baseCommit = git(repository, "rev-parse", "--short=12", "HEAD~1").trim();
        assertThat(Files.readString(regressed.resolve("base/tiny/cells/01-jedis-blpop-w24-r200-fixed30ms-1/summary.json")))
                .as("the base's results name its commit").contains("\"commit\" : \"" + baseCommit + "\"");

    }

    /**
     * Runs HEAD's build's {@code callq ab} (its classes in the repository first on the class path, this JVM's
     * libraries after them); returns its output, having checked its exit code.
     */
    private static String ab(Path repository, String base, Path suite, Path out, int expectedExit)
            throws IOException, InterruptedException {
        List<String> classPath = new ArrayList<>(List.of(repository.resolve(THIS_BUILD).toString()));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!Path.of(entry).toAbsolutePath().startsWith(Path.of("target").toAbsolutePath())) {
                classPath.add(entry);
            }
        }
        List<String> command = new ArrayList<>(ForkedRun.launcher(String.join(File.pathSeparator, classPath), List.of()));
        command.addAll(List.of("ab", "--base", base, suite.toString(), "--out", out.toString()));
        Path log = Files.createTempFile(out.getParent(), "ab-", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("callq ab finished").isTrue();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isEqualTo(expectedExit);
        return output;
    }

    private static String git(Path repository, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=callq test",
                "-c", "user.email=test@callq.invalid", "-C", repository.toString()));
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile("callq-git-", ".out");
        try {
            assertThat(exec(repository, command, output)).as(String.join(" ", command)).isZero();
            return Files.readString(output);
        } finally {
            Files.delete(output);
        }
    }

    private static int exec(Path directory, List<String> command, Path log) throws IOException, InterruptedException {
        Files.createDirectories(directory);
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).as(String.join(" ", command)).isTrue();
        return process.exitValue();
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target);
                }
            }
        }
    }
}
