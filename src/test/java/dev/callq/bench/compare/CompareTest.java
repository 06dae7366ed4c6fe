package dev.callq.bench.compare;

import dev.callq.bench.ExitCode;
import dev.callq.bench.cli.Main;
import dev.callq.bench.result.SummaryJson;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The regression gate on real runs: a slower worker is flagged, a rerun of the same configuration is not. */
@Isolated("its gate judges real runs against each other: another class running would be noise in some repeats only")
@Tag("processes")
class CompareTest {
    @TempDir
    static Path results;

    @BeforeAll
    static void measure() {
        for (int repeat = 0; repeat < 3; repeat++) {
            run("baseline/r" + repeat, "fixed:1ms");
            run("same/r" + repeat, "fixed:1ms");
        }
        run("slower/r0", "fixed:4ms");
        run("slower/r1", "fixed:4ms", "p99<1us,lost==0", ExitCode.THRESHOLD);
    }

    /**
     * One worker at 200 events/s with Poisson arrivals: utilisation about 0.2 with 1 ms of work, 0.8 with
     * 4 ms, so that events queue. (Evenly spaced arrivals with fixed work would barely queue at all.) Three
     * measured seconds, so that each repeat's typical second is the median of three: of two it is their mean,
     * and one stall of 60 ms in one second of one baseline repeat (seen with a busy neighbour) moves that
     * repeat's p99 from 3 ms to 30 ms, as far as the slower side's.
     */
    private static void run(String folder, String serviceTime) {
        run(folder, serviceTime, "lost==0,p99<60s,throughput>=100", ExitCode.OK);
    }

    /** Every run also checks absolute thresholds: generous ones must hold, a p99 below 1 µs must not. */
    private static void run(String folder, String serviceTime, String thresholds, int expectedExit) {
        int exit = Main.execute("run", "--load", "synthetic", "--client", "jedis", "--workers", "1",
                "--rate", "200", "--arrivals", "poisson", "--duration", "3", "--warmup", "0.5", "--service-time", serviceTime,
                "--threshold", thresholds, "--out", results.resolve(folder).toString());
        assertThat(exit).as("run %s: %s", folder, exit == 0 ? "" : warnings(results.resolve(folder))).isEqualTo(expectedExit);
    }

    /** Why a run said its numbers are untrustworthy, for the failure message. */
    private static List<String> warnings(Path folder) {
        return SummaryJson.read(folder).clients().stream().flatMap(c -> c.warnings().stream()).toList();
    }

    @Test
    void slowerWorkIsARegressionAndTheGateFails() throws Exception {
        int exit = Main.execute("compare", results.resolve("baseline").toString(), results.resolve("slower").toString());

        ResultSet baseline = ResultSet.load(results.resolve("baseline"));
        ResultSet slower = ResultSet.load(results.resolve("slower"));
        String perSecond = "per-second p99s (µs), baseline " + intervalP99s(baseline) + ", slower " + intervalP99s(slower);
        assertThat(exit).as(perSecond).isEqualTo(ExitCode.REGRESSION);
        Comparison comparison = Comparison.of(baseline, slower, Tolerance.DEFAULT);
        MetricComparison p99 = comparison.rows().get(0);
        assertThat(p99.verdict()).as(perSecond).isEqualTo(Verdict.REGRESSION);
        assertThat(p99.worseBy()).isGreaterThan(Tolerance.DEFAULT.p99Rise());
        assertThat(p99.note()).isEqualTo("service time fixed:1ms → fixed:4ms");
        assertThat(Files.readString(results.resolve("slower/compare.md"))).contains("**REGRESSION**");
    }

    /** Each repeat's per-second p99s, for a failure's message. */
    private static List<List<Long>> intervalP99s(ResultSet results) {
        return results.cells().values().stream().flatMap(List::stream).map(CellMeasurement::intervalP99Micros).toList();
    }

    /**
     * An unchanged rerun passes the gate. It fails in about 3 % of 3-vs-3 comparisons on this machine
     * (docs/ci-gate.md, the gates' error rates, measured with benchmarks/gate-error-rates.sh): a test that
     * took one comparison would fail that often on chance alone. So a comparison that fails is measured
     * once more, with fresh runs of both sides; two false alarms in a row (about 0.1 %) fail the test, and a
     * gate that fails every rerun fails it every time.
     */
    @Test
    void aRerunOfTheSameConfigurationIsNotARegression() {
        String same = "same";
        int exit = Main.execute("compare", results.resolve("baseline").toString(), results.resolve(same).toString());
        String baseline = "baseline";
        if (exit == ExitCode.REGRESSION) {
            for (int repeat = 0; repeat < 3; repeat++) {
                run("baseline-again/r" + repeat, "fixed:1ms");
                run("same-again/r" + repeat, "fixed:1ms");
            }
            baseline = "baseline-again";
            same = "same-again";
            exit = Main.execute("compare", results.resolve(baseline).toString(), results.resolve(same).toString());
        }

        assertThat(exit).isZero();
        Comparison comparison = Comparison.of(ResultSet.load(results.resolve(baseline)),
                ResultSet.load(results.resolve(same)), Tolerance.DEFAULT);
        assertThat(comparison.guarded()).isTrue();
        assertThat(comparison.rows()).allSatisfy(row -> assertThat(row.verdict().fails()).isFalse());
        assertThat(comparison.rows()).allSatisfy(row -> assertThat(row.baselineRepeats()).isEqualTo(3));
    }

    @Test
    void withoutRepeatsAWorseningBeyondToleranceIsReportedAsUnguarded() {
        Comparison comparison = Comparison.of(ResultSet.load(results.resolve("baseline/r0")),
                ResultSet.load(results.resolve("slower/r0")), Tolerance.DEFAULT);

        assertThat(comparison.guarded()).isFalse();
        assertThat(comparison.rows().get(0).verdict()).isEqualTo(Verdict.UNGUARDED_REGRESSION);
    }

    @Test
    void toleranceParsingRejectsNonsenseInOneLine() {
        assertThat(Tolerance.parse("p99=20%,throughput=2%")).isEqualTo(new Tolerance(0.20, 0.02, 0.10));
        assertThat(Tolerance.parse("p50-done=15%")).isEqualTo(new Tolerance(0.10, 0.05, 0.15));
        assertThat(Tolerance.parse(Tolerance.DEFAULT_TEXT)).isEqualTo(Tolerance.DEFAULT);
        assertThatThrownBy(() -> Tolerance.parse("p99=lots")).hasMessage(
                "--max-regression 'p99=lots' is not like p99=10%,p50-done=10%,throughput=5%");
        assertThat(Main.execute("compare", results.resolve("nowhere").toString(), results.toString()))
                .isEqualTo(ExitCode.USAGE);
    }

    @Test
    void rangesOfRepeatsThatOverlapAreNotSeparated() {
        assertThat(Comparison.separated(new double[] {25, 52}, new double[] {13, 24}, +1, 0)).isTrue();
        assertThat(Comparison.separated(new double[] {3.6, 17, 51}, new double[] {2.1, 3.8}, +1, 0)).isFalse();
        assertThat(Comparison.separated(new double[] {1400, 1450}, new double[] {1500, 1510}, -1, 0)).isTrue();
    }

    @Test
    void separatedRangesMustAlsoBeApartByTheTolerance() {
        assertThat(Comparison.separated(new double[] {25, 52}, new double[] {13, 24}, +1, 0.10)).isFalse();
        assertThat(Comparison.separated(new double[] {27, 52}, new double[] {13, 24}, +1, 0.10)).isTrue();
        assertThat(Comparison.separated(new double[] {1400, 1450}, new double[] {1500, 1510}, -1, 0.05)).isFalse();
        assertThat(Comparison.separated(new double[] {1400, 1420}, new double[] {1500, 1510}, -1, 0.05)).isTrue();
    }

    /** The rerun that failed a CI run: medians 4231 → 7491 µs (+77 %) with 84 % noise, ranges apart. */
    @Test
    void aChangeSmallerThanTwiceTheNoiseIsWithinNoiseEvenWhenTheRangesAreApart() {
        Comparison comparison = Comparison.of(fake(3900, 4231, 5300), fake(6900, 7491, 10200), Tolerance.DEFAULT);

        assertThat(comparison.rows().get(0).verdict()).isEqualTo(Verdict.WITHIN_NOISE);
        assertThat(comparison.hasRegression()).isFalse();
    }

    @Test
    void spreadAndMedianOfRepeats() {
        assertThat(Comparison.median(new double[] {3, 1, 2})).isEqualTo(2);
        assertThat(Comparison.median(new double[] {4, 1, 2, 3})).isEqualTo(2.5);
        assertThat(Comparison.spread(new double[] {90, 100, 110})).isEqualTo(0.2);
        assertThat(Comparison.spread(new double[] {100})).isNaN();
    }

    @Test
    void brokenCurrentResultsFailTheGateWithOneLine() throws Exception {
        Path empty = copy("same", "empty");
        forEachFile(empty, "summary.json", file -> Files.writeString(file, "{}"));
        Path headerOnly = copy("same", "header-only");
        forEachFile(headerOnly, ".hlog", file -> Files.write(file, Files.readAllLines(file).subList(0, 4)));
        Path cut = copy("same", "cut");
        forEachFile(cut, ".hlog", file -> {
            String text = Files.readString(file);
            Files.writeString(file, text.substring(0, text.length() - 40));
        });

        for (Path broken : List.of(empty, headerOnly, cut)) {
            assertThat(Main.execute("compare", results.resolve("baseline").toString(), broken.toString()))
                    .as(broken.getFileName().toString()).isEqualTo(ExitCode.USAGE);
        }
        assertThatThrownBy(() -> ResultSet.load(empty)).hasMessageContaining("schema 0")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> ResultSet.load(headerOnly)).hasMessageContaining("holds no interval");
        assertThatThrownBy(() -> ResultSet.load(cut)).hasMessageContaining("truncated or corrupt");
    }

    @Test
    void anUntrustworthyCurrentCellFailsTheGate() throws Exception {
        Path lossy = copy("same", "lossy");
        forEachFile(lossy, "summary.json", file -> Files.writeString(file,
                Files.readString(file).replaceFirst("\"lost\" : 0", "\"lost\" : 7")));

        assertThat(Main.execute("compare", results.resolve("baseline").toString(), lossy.toString()))
                .isEqualTo(ExitCode.REGRESSION);
        Comparison comparison = Comparison.of(ResultSet.load(results.resolve("baseline")), ResultSet.load(lossy),
                Tolerance.DEFAULT);
        assertThat(comparison.rows()).singleElement().satisfies(row -> {
            assertThat(row.verdict()).isEqualTo(Verdict.UNTRUSTWORTHY);
            assertThat(row.note()).contains("lost 7");
        });
    }

    @Test
    void aMissingCellOrOneWithTooFewLatenciesFailsTheGate() {
        CellKey other = new CellKey("lettuce", "synthetic", "blpop", 1, "200", "json");
        ResultSet current = ResultSet.of(results, java.util.Map.of(other,
                List.of(new CellMeasurement(other, "fixed:1ms", results, 900, 200.0, List.of(), 50, null, -1))));
        Comparison comparison = Comparison.of(fake(1000, 1100, 1050), current, Tolerance.DEFAULT);

        assertThat(comparison.rows()).extracting(MetricComparison::verdict)
                .containsExactly(Verdict.MISSING, Verdict.NEW);
        assertThat(comparison.hasRegression()).isTrue();
        assertThat(Comparison.of(ResultSet.union(results, List.of(current, fake(1000))),
                ResultSet.union(results, List.of(current, fake(1000))), Tolerance.DEFAULT).rows())
                .extracting(MetricComparison::verdict).contains(Verdict.TOO_FEW_SAMPLES);
    }

    @Test
    void theTypicalSecondTestFlagsAClearShiftAndPassesNoise() {
        ResultSet base = perSecond(new long[] {1000, 1040, 990}, new long[] {1060, 1010, 1000}, new long[] {980, 1030, 1050});
        ResultSet slower = perSecond(new long[] {1350, 1400, 1300}, new long[] {1420, 1380, 1390}, new long[] {1330, 1360, 1410});
        ResultSet same = perSecond(new long[] {1010, 1020, 980}, new long[] {1050, 990, 1070}, new long[] {1000, 1040, 960});

        MetricComparison regression = Comparison.of(base, slower, Tolerance.DEFAULT).rows().get(0);
        assertThat(regression.verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(regression.worseByLow()).isPositive().isLessThan(regression.worseBy());
        assertThat(regression.worseByHigh()).isGreaterThan(regression.worseBy());
        assertThat(regression.detectable()).isBetween(Tolerance.DEFAULT.p99Rise(), 0.30);
        assertThat(Comparison.of(base, same, Tolerance.DEFAULT).rows().get(0).verdict()).isEqualTo(Verdict.OK);
    }

    @Test
    void aSlowerConsumerShowsInTheP50EnqueueToDoneWhileTheP99IsLostInNoise() {
        long[] noisy1 = {900, 2600, 1500};
        long[] noisy2 = {1300, 800, 2900};
        long[] noisy3 = {2000, 1100, 1700};
        ResultSet base = withP50Done(new long[] {1000, 1020, 990}, noisy1, noisy2, noisy3);
        ResultSet slower = withP50Done(new long[] {1300, 1290, 1320}, noisy2, noisy3, noisy1);
        ResultSet same = withP50Done(new long[] {1005, 990, 1015}, noisy3, noisy1, noisy2);

        Comparison regressed = Comparison.of(base, slower, Tolerance.DEFAULT);
        assertThat(regressed.rows()).extracting(MetricComparison::metric, MetricComparison::verdict).containsExactly(
                tuple("p99 enqueue→dequeue, typical second (µs)", Verdict.OK),
                tuple("p50 enqueue→done (µs)", Verdict.REGRESSION),
                tuple("throughput (events/s)", Verdict.OK));
        assertThat(regressed.rows().get(1).worseBy()).isCloseTo(0.29, within(0.02));
        assertThat(Comparison.of(base, same, Tolerance.DEFAULT).hasRegression()).isFalse();
        assertThat(Comparison.of(base, slower, Tolerance.parse("p50-done=40%")).hasRegression()).isFalse();
        // Results whose logs hold no enqueue→done (another tool's) are judged without that row.
        assertThat(Comparison.of(perSecond(noisy1, noisy2), perSecond(noisy2, noisy1), Tolerance.DEFAULT).rows())
                .extracting(MetricComparison::metric).doesNotContain("p50 enqueue→done (µs)");
    }

    @Test
    void thresholdsAreJudgedPerClientOnTheSummary() {
        dev.callq.bench.result.RunSummary summary = SummaryJson.read(results.resolve("baseline/r0"));
        long p99 = summary.clients().get(0).latencyMicros().get("enqueueToDequeue").p99();

        List<dev.callq.bench.result.Thresholds.Check> checks = dev.callq.bench.result.Thresholds
                .parse("p99<=" + p99 + "us, p99<" + p99 + "us, lost==0, throughput>=1000000")
                .judge(summary);
        assertThat(checks).extracting(dev.callq.bench.result.Thresholds.Check::passed).containsExactly(true, false, true, false);
        assertThat(checks.get(1).line()).startsWith("✗ jedis p99 ").endsWith("(p99<" + p99 + "us)");
        assertThatThrownBy(() -> dev.callq.bench.result.Thresholds.parse("p99<20")).hasMessage(
                "threshold 'p99<20': a latency needs a unit (us, ms or s)");
        assertThatThrownBy(() -> dev.callq.bench.result.Thresholds.parse("speed>3")).hasMessageStartingWith(
                "threshold 'speed>3': no metric 'speed'");
        assertThat(Main.execute("run", "--threshold", "p99 about 3ms", "--out", results.resolve("never").toString()))
                .isEqualTo(ExitCode.USAGE);
        assertThat(results.resolve("never")).doesNotExist();
    }

    /** A cell measured once per array of per-second p99s given, without a p50 enqueue→done. */
    private static ResultSet perSecond(long[]... secondsP99Micros) {
        return withP50Done(new long[secondsP99Micros.length], secondsP99Micros);
    }

    /** A cell measured once per array of per-second p99s given, each repeat with its p50 enqueue→done (0: none). */
    private static ResultSet withP50Done(long[] p50DoneMicros, long[]... secondsP99Micros) {
        CellKey key = new CellKey("jedis", "synthetic", "blpop", 1, "200", "json");
        List<CellMeasurement> repeats = new java.util.ArrayList<>();
        for (int i = 0; i < secondsP99Micros.length; i++) {
            long[] seconds = secondsP99Micros[i];
            repeats.add(new CellMeasurement(key, "fixed:1ms", results, java.util.Arrays.stream(seconds).max().orElseThrow(),
                    200.0, java.util.Arrays.stream(seconds).boxed().toList(), 600, null,
                    p50DoneMicros[i] == 0 ? -1 : p50DoneMicros[i]));
        }
        return ResultSet.of(results, java.util.Map.of(key, repeats));
    }

    private static Path copy(String from, String to) throws java.io.IOException {
        Path source = results.resolve(from);
        Path target = results.resolve(to);
        try (var files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path copied = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copied);
                } else {
                    Files.copy(file, copied);
                }
            }
        }
        return target;
    }

    private interface FileEdit {
        void apply(Path file) throws java.io.IOException;
    }

    private static void forEachFile(Path root, String suffix, FileEdit edit) throws java.io.IOException {
        try (var files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(suffix)).toList()) {
                edit.apply(file);
            }
        }
    }

    /** A cell measured once per p99 value given, at a steady 200 events/s. */
    private static ResultSet fake(long... p99Micros) {
        CellKey key = new CellKey("jedis", "synthetic", "blpop", 1, "200", "json");
        List<CellMeasurement> repeats = java.util.Arrays.stream(p99Micros)
                .mapToObj(p99 -> new CellMeasurement(key, "fixed:1ms", results, p99, 200.0)).toList();
        return ResultSet.of(results, java.util.Map.of(key, repeats));
    }
}
