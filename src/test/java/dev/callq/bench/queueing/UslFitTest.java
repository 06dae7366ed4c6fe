package dev.callq.bench.queueing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class UslFitTest {

    @Test
    void ciscoExampleReproducesThePublishedFit() throws IOException {
        List<UslFit.Point> points = cisco();
        UslFit fit = UslFit.fit(points);

        assertThat(fit.sigma()).isCloseTo(0.02671591, withinPercentage(0.1));
        assertThat(fit.kappa()).isCloseTo(7.690945e-4, withinPercentage(0.1));
        assertThat(fit.lambda()).isCloseTo(995.6486, withinPercentage(0.1));
        assertThat(fit.peakWorkers()).hasValueCloseTo(35.6, within(0.1));
        assertThat(fit.peakThroughput()).hasValueCloseTo(12_300.0, within(100.0));
        assertThat(fit.rSquared()).isGreaterThan(0.99).isLessThanOrEqualTo(1.0);
    }

    @Test
    void loaderSkipsCommentsAndHeader() throws IOException {
        List<UslFit.Point> points = cisco();

        assertThat(points).hasSize(32);
        assertThat(points.get(0)).isEqualTo(new UslFit.Point(1, 955.16));
        assertThat(points.get(31)).isEqualTo(new UslFit.Point(32, 12_074.39));
    }

    @Test
    void loaderNamesTheLineThatIsNotAPoint() {
        String csv = "# comment\nconcurrency,throughput\n1,100\n\n2,abc\n";

        assertThatThrownBy(() -> UslFit.readCsv(new StringReader(csv)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("line 5: expected <concurrency>,<throughput>, got '2,abc'");
    }

    @Test
    void exactUslDataGivesBackItsParameters() {
        List<UslFit.Point> points = new ArrayList<>();
        for (int workers = 1; workers <= 40; workers++) {
            points.add(new UslFit.Point(workers, UslFit.throughput(0.05, 0.002, 1_200, workers)));
        }
        UslFit fit = UslFit.fit(points);

        assertThat(fit.sigma()).isCloseTo(0.05, withinPercentage(0.01));
        assertThat(fit.kappa()).isCloseTo(0.002, withinPercentage(0.01));
        assertThat(fit.lambda()).isCloseTo(1_200, withinPercentage(0.01));
        assertThat(fit.rSquared()).isCloseTo(1.0, within(1e-9));
        assertThat(fit.peakWorkers()).hasValueCloseTo(Math.sqrt(0.95 / 0.002), within(1e-3));
    }

    @Test
    void threeExactPointsAreEnough() {
        List<UslFit.Point> points = new ArrayList<>();
        for (int workers : new int[] {1, 8, 32}) {
            points.add(new UslFit.Point(workers, UslFit.throughput(0.1, 5e-4, 3_000, workers)));
        }
        UslFit fit = UslFit.fit(points);

        assertThat(fit.sigma()).isCloseTo(0.1, withinPercentage(0.1));
        assertThat(fit.kappa()).isCloseTo(5e-4, withinPercentage(0.1));
        assertThat(fit.lambda()).isCloseTo(3_000, withinPercentage(0.1));
    }

    @Test
    void fewNoisyPointsWithoutASingleWorkerMeasurementStillFit() {
        // Five sweep cells starting at 2 workers, each a few percent off the law.
        double[] noise = {1.02, 0.97, 1.01, 0.99, 1.03};
        int[] workers = {2, 4, 8, 16, 32};
        List<UslFit.Point> points = new ArrayList<>();
        for (int i = 0; i < workers.length; i++) {
            points.add(new UslFit.Point(workers[i], noise[i] * UslFit.throughput(0.03, 1e-3, 1_000, workers[i])));
        }
        UslFit fit = UslFit.fit(points);

        assertThat(fit.sigma()).isBetween(0.0, 0.1);
        assertThat(fit.kappa()).isBetween(1e-4, 3e-3);
        assertThat(fit.lambda()).isCloseTo(1_000, withinPercentage(10));
        assertThat(fit.rSquared()).isGreaterThan(0.95);
    }

    @Test
    void linearDataHasNoContentionNoCoherencyAndNoPeak() {
        List<UslFit.Point> points = new ArrayList<>();
        for (int workers = 1; workers <= 16; workers++) {
            points.add(new UslFit.Point(workers, 500.0 * workers));
        }
        UslFit fit = UslFit.fit(points);

        assertThat(fit.sigma()).isCloseTo(0.0, within(1e-6));
        assertThat(fit.kappa()).isCloseTo(0.0, within(1e-8));
        assertThat(fit.lambda()).isCloseTo(500, withinPercentage(0.01));
        assertThat(fit.predict(64)).isCloseTo(32_000, withinPercentage(0.1));
    }

    @Test
    void noCoherencyCostMeansNoPeak() {
        UslFit amdahl = new UslFit(0.1, 0.0, 1_000, 1.0);

        assertThat(amdahl.peakWorkers()).isEmpty();
        assertThat(amdahl.peakThroughput()).isEmpty();
    }

    @Test
    void contentionOfOneOrMorePeaksAtASingleWorker() {
        UslFit hopeless = new UslFit(1.2, 1e-3, 1_000, 1.0);

        assertThat(hopeless.peakWorkers()).hasValue(1.0);
        assertThat(hopeless.peakThroughput()).hasValueCloseTo(1_000.0, within(1e-9));
    }

    @Test
    void fewerThanThreeConcurrenciesCannotFitThreeParameters() {
        List<UslFit.Point> points = List.of(new UslFit.Point(1, 100), new UslFit.Point(2, 190),
                new UslFit.Point(2, 195));

        assertThatThrownBy(() -> UslFit.fit(points))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 or more distinct concurrencies");
    }

    private static List<UslFit.Point> cisco() throws IOException {
        try (Reader reader = new InputStreamReader(
                UslFitTest.class.getResourceAsStream("/usl-cisco.csv"), StandardCharsets.UTF_8)) {
            return UslFit.readCsv(reader);
        }
    }
}
