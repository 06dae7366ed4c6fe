package dev.callq.bench.compare;

import dev.callq.bench.ExitCode;
import dev.callq.bench.cli.Main;
import dev.callq.bench.run.SummaryJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The regression gate on real runs: a slower worker is flagged, a rerun of the same configuration is not. */
class CompareTest {
    @TempDir
    static Path results;

    @BeforeAll
    static void measure() {
        for (int repeat = 0; repeat < 3; repeat++) {
            run("baseline/r" + repeat, "fixed:1ms");
            run("same/r" + repeat, "fixed:1ms");
        }
        for (int repeat = 0; repeat < 2; repeat++) {
            run("slower/r" + repeat, "fixed:4ms");
        }
    }

    /**
     * One worker at 200 events/s with Poisson arrivals: utilisation about 0.2 with 1 ms of work, 0.8 with
     * 4 ms, so that events queue. (Evenly spaced arrivals with fixed work would barely queue at all.)
     */
    private static void run(String folder, String serviceTime) {
        int exit = Main.execute("run", "--load", "synthetic", "--client", "jedis", "--workers", "1",
                "--rate", "200", "--arrivals", "poisson", "--duration", "2", "--warmup", "0.5", "--service-time", serviceTime,
                "--out", results.resolve(folder).toString());
        assertThat(exit).as("run %s: %s", folder, exit == 0 ? "" : warnings(results.resolve(folder))).isZero();
    }

    /** Why a run said its numbers are untrustworthy, for the failure message. */
    private static List<String> warnings(Path folder) {
        return SummaryJson.read(folder).clients().stream().flatMap(c -> c.warnings().stream()).toList();
    }

    @Test
    void slowerWorkIsARegressionAndTheGateFails() throws Exception {
        int exit = Main.execute("compare", results.resolve("baseline").toString(), results.resolve("slower").toString());

        assertThat(exit).isEqualTo(ExitCode.REGRESSION);
        Comparison comparison = Comparison.of(ResultSet.load(results.resolve("baseline")),
                ResultSet.load(results.resolve("slower")), Tolerance.DEFAULT);
        MetricComparison p99 = comparison.rows().get(0);
        assertThat(p99.verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(p99.worseBy()).isGreaterThan(Tolerance.DEFAULT.p99Rise());
        assertThat(p99.note()).isEqualTo("service time fixed:1ms → fixed:4ms");
        assertThat(Files.readString(results.resolve("slower/compare.md"))).contains("**REGRESSION**");
    }

    @Test
    void aRerunOfTheSameConfigurationIsNotARegression() {
        int exit = Main.execute("compare", results.resolve("baseline").toString(), results.resolve("same").toString());

        assertThat(exit).isZero();
        Comparison comparison = Comparison.of(ResultSet.load(results.resolve("baseline")),
                ResultSet.load(results.resolve("same")), Tolerance.DEFAULT);
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
        assertThat(Tolerance.parse("p99=20%,throughput=2%")).isEqualTo(new Tolerance(0.20, 0.02));
        assertThatThrownBy(() -> Tolerance.parse("p99=lots")).hasMessage(
                "--max-regression 'p99=lots' is not like p99=10%,throughput=5%");
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

    /** A cell measured once per p99 value given, at a steady 200 events/s. */
    private static ResultSet fake(long... p99Micros) {
        CellKey key = new CellKey("jedis", "synthetic", "blpop", 1, "200", "json");
        List<CellMeasurement> repeats = java.util.Arrays.stream(p99Micros)
                .mapToObj(p99 -> new CellMeasurement(key, "fixed:1ms", results, p99, 200.0)).toList();
        return ResultSet.of(results, java.util.Map.of(key, repeats));
    }
}
