package dev.callq.bench.queueing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The USL's intervals on Gunther's published Cisco example (the coefficients of his book, R's usl and
 * usl4j: σ = 0.02671591, κ = 7.690945e-4, λ = 995.6486), and the properties any bootstrap must keep.
 */
class UslBootstrapTest {
    private static final double PUBLISHED_SIGMA = 0.02671591;
    private static final double PUBLISHED_KAPPA = 7.690945e-4;
    private static final double PUBLISHED_LAMBDA = 995.6486;

    @Test
    void ciscoFitIsWithinOnePercentOfThePublishedOneAndItsIntervalsContainIt() throws IOException {
        UslBootstrap usl = UslBootstrap.of(cisco());

        assertThat(usl.fit().sigma()).isCloseTo(PUBLISHED_SIGMA, withinPercentage(1));
        assertThat(usl.fit().kappa()).isCloseTo(PUBLISHED_KAPPA, withinPercentage(1));
        assertThat(usl.fit().lambda()).isCloseTo(PUBLISHED_LAMBDA, withinPercentage(1));
        assertThat(usl.sigma().contains(PUBLISHED_SIGMA)).as("σ interval %s", usl.sigma()).isTrue();
        assertThat(usl.kappa().contains(PUBLISHED_KAPPA)).as("κ interval %s", usl.kappa()).isTrue();
        assertThat(usl.lambda().contains(PUBLISHED_LAMBDA)).as("λ interval %s", usl.lambda()).isTrue();
        double publishedPeak = Math.sqrt((1 - PUBLISHED_SIGMA) / PUBLISHED_KAPPA);
        assertThat(usl.peakWorkers().contains(publishedPeak)).as("N* interval %s", usl.peakWorkers()).isTrue();
        assertThat(usl.amdahlLimit().contains(PUBLISHED_LAMBDA / PUBLISHED_SIGMA)).isTrue();
        assertThat(usl.method()).isEqualTo(UslBootstrap.Method.RESIDUALS);
        assertThat(usl.resamples()).isEqualTo(UslBootstrap.RESAMPLES);
        assertThat(usl.failedResamples()).isZero();
    }

    @Test
    void ciscoIntervalsAreNarrowButNotPoints() throws IOException {
        UslBootstrap usl = UslBootstrap.of(cisco());

        // 32 points within a few percent of the law: σ and κ known to tens of percent, λ to a few.
        assertThat(usl.sigma().high() - usl.sigma().low()).isBetween(0.001, 0.02);
        assertThat(usl.kappa().high() - usl.kappa().low()).isBetween(1e-5, 4e-4);
        assertThat(usl.lambda().high() - usl.lambda().low()).isBetween(1.0, 100.0);
        assertThat(usl.peakWorkers().bounded()).isTrue();
    }

    @Test
    void theSameSeedGivesTheSameIntervals() throws IOException {
        UslBootstrap first = UslBootstrap.of(cisco());
        UslBootstrap second = UslBootstrap.of(cisco());
        UslBootstrap otherSeed = UslBootstrap.of(cisco(), UslBootstrap.RESAMPLES, UslBootstrap.CONFIDENCE, 7);

        assertThat(second.sigma()).isEqualTo(first.sigma());
        assertThat(second.kappa()).isEqualTo(first.kappa());
        assertThat(otherSeed.sigma()).isNotEqualTo(first.sigma());
    }

    @Test
    void bandContainsTheFittedCurveAndWidensWhereThereIsNoMeasurement() throws IOException {
        UslBootstrap usl = UslBootstrap.of(cisco());

        for (int workers = 1; workers <= 40; workers++) {
            assertThat(usl.throughputAt(workers).contains(usl.fit().predict(workers))).as("N = %d", workers).isTrue();
        }
        ConfidenceInterval measured = usl.throughputAt(16);
        ConfidenceInterval extrapolated = usl.throughputAt(80);
        assertThat(extrapolated.high() - extrapolated.low()).isGreaterThan(measured.high() - measured.low());
    }

    @Test
    void repeatsAtEveryConcurrencyAreResampledThemselves() {
        // Off the law at each concurrency, but each repeat the same: the repeats show no noise at all,
        // so resampling them must give back the fit itself (residuals would give a spread).
        double[] offLaw = {1.02, 0.97, 1.01, 0.99, 1.03};
        int[] workers = {1, 2, 4, 8, 16};
        List<UslFit.Point> points = new ArrayList<>();
        for (int i = 0; i < workers.length; i++) {
            for (int repeat = 0; repeat < 2; repeat++) {
                points.add(new UslFit.Point(workers[i], offLaw[i] * UslFit.throughput(0.05, 1e-3, 1_000, workers[i])));
            }
        }
        UslBootstrap usl = UslBootstrap.of(points);

        assertThat(usl.method()).isEqualTo(UslBootstrap.Method.REPEATS);
        assertThat(usl.sigma().low()).isEqualTo(usl.sigma().high()).isEqualTo(usl.fit().sigma());
        assertThat(usl.lambda().low()).isEqualTo(usl.lambda().high()).isEqualTo(usl.fit().lambda());
    }

    @Test
    void singleMeasurementsOffTheLawGiveASpreadFromTheirResiduals() {
        double[] offLaw = {1.02, 0.97, 1.01, 0.99, 1.03};
        int[] workers = {1, 2, 4, 8, 16};
        List<UslFit.Point> points = new ArrayList<>();
        for (int i = 0; i < workers.length; i++) {
            points.add(new UslFit.Point(workers[i], offLaw[i] * UslFit.throughput(0.05, 1e-3, 1_000, workers[i])));
        }
        UslBootstrap usl = UslBootstrap.of(points);

        assertThat(usl.method()).isEqualTo(UslBootstrap.Method.RESIDUALS);
        assertThat(usl.lambda().high() - usl.lambda().low()).isGreaterThan(10.0);
        assertThat(usl.lambda().contains(usl.fit().lambda())).isTrue();
    }

    @Test
    void linearScalingHasAnUnboundedPeak() {
        List<UslFit.Point> points = new ArrayList<>();
        double[] noise = {1.01, 0.99, 1.02, 0.98, 1.0, 1.01};
        for (int i = 0; i < noise.length; i++) {
            points.add(new UslFit.Point(i + 1, noise[i] * 500 * (i + 1)));
        }
        UslBootstrap usl = UslBootstrap.of(points);

        assertThat(usl.peakWorkers().high()).isInfinite();
        assertThat(usl.peakWorkers().bounded()).isFalse();
        assertThat(usl.peakWorkers().format("%.1f")).endsWith("–∞");
    }

    @Test
    void threePointsLeaveNothingToEstimateNoiseFrom() {
        List<UslFit.Point> points = List.of(new UslFit.Point(1, 100), new UslFit.Point(2, 190), new UslFit.Point(4, 350));

        assertThat(UslBootstrap.possible(points)).isFalse();
        assertThatThrownBy(() -> UslBootstrap.of(points)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4 or more points");
    }

    @Test
    void percentileIntervalTakesNearestRanks() {
        double[] replicates = new double[100];
        for (int i = 0; i < replicates.length; i++) {
            replicates[i] = 100 - i;
        }
        ConfidenceInterval interval = ConfidenceInterval.ofReplicates(replicates, 0.90);

        assertThat(interval.low()).isEqualTo(5.0);
        assertThat(interval.high()).isEqualTo(95.0);
        assertThat(interval.levelLabel()).isEqualTo("90 %");
    }

    private static List<UslFit.Point> cisco() throws IOException {
        try (Reader reader = new InputStreamReader(
                UslBootstrapTest.class.getResourceAsStream("/usl-cisco.csv"), StandardCharsets.UTF_8)) {
            return UslFit.readCsv(reader);
        }
    }
}
