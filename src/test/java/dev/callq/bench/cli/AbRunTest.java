package dev.callq.bench.cli;

import dev.callq.bench.compare.Comparison;
import dev.callq.bench.compare.Tolerance;
import dev.callq.bench.compare.Verdict;
import dev.callq.bench.run.ForkedRun;
import dev.callq.bench.suite.SuiteSpec;
import dev.callq.bench.suite.SuiteSpecParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same-runner A/B gate on two callq launchers: the same build twice passes, and a build whose workers
 * take 3 ms longer per event (injected by a test-only system property, so no second revision has to be
 * built) fails. Building a base revision in a git worktree is the thin part left to {@code callq ab}.
 */
class AbRunTest {
    private static final SuiteSpec SUITE = SuiteSpecParser.parse("""
            name: ab-test
            sweeps:
              - name: tiny
                load: synthetic
                phases: {warmupSeconds: 0.5, durationSeconds: 1.5, drainTimeoutSeconds: 10}
                options: {arrivals: poisson}
                axes: {clients: [jedis], workers: [1], rates: [200], serviceTimes: ['fixed:1ms'], repeats: 2}
            """);

    @TempDir
    Path dir;

    @Test
    void anUnknownBaseRevisionIsAOneLineErrorBeforeAnythingRuns() {
        int exit = Main.execute("ab", "--base", "no-such-revision", "benchmarks/ci.yaml", "--out",
                dir.resolve("never").toString());

        assertThat(exit).isEqualTo(dev.callq.bench.ExitCode.USAGE);
        assertThat(dir.resolve("never")).doesNotExist();
    }

    @Test
    void anUnchangedPairPassesAndASlowerConsumerFails() throws Exception {
        List<String> unchanged = ForkedRun.thisCallq();
        List<String> slower = ForkedRun.launcher(System.getProperty("java.class.path"),
                List.of("-Dcallq.gate-test.extra-work-us=3000"));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);

        Comparison same = new AbRun(SUITE, unchanged, unchanged, dir.resolve("same"), out).run(Tolerance.DEFAULT);
        Comparison regressed = new AbRun(SUITE, unchanged, slower, dir.resolve("regressed"), out).run(Tolerance.DEFAULT);

        assertThat(same.hasRegression()).as(log.toString(StandardCharsets.UTF_8)).isFalse();
        assertThat(same.rows()).allSatisfy(row -> assertThat(row.baselineRepeats()).isEqualTo(2));
        assertThat(regressed.rows().get(0).verdict()).as(log.toString(StandardCharsets.UTF_8))
                .isEqualTo(Verdict.REGRESSION);
        assertThat(Files.readString(dir.resolve("regressed/compare.md"))).contains("**REGRESSION**");
        assertThat(Files.readString(dir.resolve("regressed/report.html"))).contains("<svg").contains("Per-repeat p99 per cell");
        assertThat(dir.resolve("regressed/base/tiny/cells")).isDirectory();
        assertThat(dir.resolve("regressed/current/tiny/cells")).isDirectory();
        // ABBA: the first cell runs base first, the second current first.
        assertThat(log.toString(StandardCharsets.UTF_8).lines().filter(l -> l.matches("^(base|current) .*")).limit(4)
                .map(l -> l.split(" ")[0])).containsExactly("base", "current", "current", "base");
    }
}
