package dev.callq.bench.history;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EDivisiveTest {
    private static final double P = HistoryAnalysis.DEFAULT_MAX_P;
    private static final double MIN_CHANGE = HistoryAnalysis.DEFAULT_MIN_CHANGE;
    /** Simulated series per rate; the rates asserted are the ones the Javadoc of EDivisive publishes. */
    private static final int SERIES = 1000;

    @Test
    void findsOtavasExampleStepWhereOtavaDoes() {
        // apache/otava tests/analysis_test.py test_single_series: Otava names index 10 at p 0.0001
        double[] series = {1.02, 0.95, 0.99, 1.00, 1.12, 1.00, 1.01, 0.98, 1.01, 0.96,
                0.50, 0.51, 0.48, 0.48, 0.55, 0.50, 0.49, 0.51, 0.50, 0.49};
        List<ChangePoint> points = EDivisive.changePoints(series, 0.0001, 0);
        assertThat(points).extracting(ChangePoint::index).containsExactly(10);
        assertThat(points.get(0).meanBefore()).isCloseTo(1.004, within(1e-9));
        assertThat(points.get(0).meanAfter()).isCloseTo(0.501, within(1e-9));
    }

    @Test
    void testsTheSidesAsScipysPooledTTestDoes() {
        // scipy.stats.ttest_ind([1, 2, 3], [4, 5, 6]).pvalue == 0.021311641128756727
        ChangePoint point = ChangePoint.between(3, new double[] {1, 2, 3}, new double[] {4, 5, 6});
        assertThat(point.p()).isCloseTo(0.021311641128756727, within(1e-12));
        assertThat(point.change()).isCloseTo(1.5, within(1e-12));
        assertThat(point.changeLow()).isLessThan(point.change());
        assertThat(point.changeHigh()).isGreaterThan(point.change());
    }

    @Test
    void confidenceIntervalOfTheChangeNarrowsToTheDifferenceOverTheMeanWhenTheMeanBeforeIsCertain() {
        double[] before = new double[2000];
        double[] after = new double[2000];
        for (int i = 0; i < before.length; i++) {
            before[i] = 100 + (i % 2 == 0 ? 1 : -1);
            after[i] = 120 + (i % 2 == 0 ? 1 : -1);
        }
        ChangePoint point = ChangePoint.between(2000, before, after);
        assertThat(point.change()).isCloseTo(0.20, within(1e-12));
        assertThat(point.changeLow()).isCloseTo(0.20, within(0.001)).isLessThan(0.20);
        assertThat(point.changeHigh()).isCloseTo(0.20, within(0.001)).isGreaterThan(0.20);
    }

    @Test
    void aMeanBeforeThatMayBeZeroLeavesTheIntervalUnbounded() {
        ChangePoint point = ChangePoint.between(3, new double[] {-1, 0, 1.5}, new double[] {4, 5, 6});
        assertThat(point.changeLow()).isNaN();
        assertThat(point.changeHigh()).isNaN();
    }

    @Test
    void namesTheFirstSlowerRunOfATwentyPercentStepAndNothingElseNearlyAlways() {
        int exactly = 0;
        for (long seed = 0; seed < SERIES; seed++) {
            double[] series = noisy(new Random(seed), 20, 0.03);
            for (int i = 12; i < 20; i++) {
                series[i] *= 1.20;
            }
            List<ChangePoint> points = EDivisive.changePoints(series, P, MIN_CHANGE);
            exactly += points.size() == 1 && points.get(0).index() == 12 ? 1 : 0;
        }
        System.out.printf("a 20 %% step after run 12 of 20, 3 %% noise: named alone at run 13 in %d of %d series%n",
                exactly, SERIES);
        assertThat(exactly).as("series of %d with the step and nothing else", SERIES).isGreaterThanOrEqualTo(SERIES * 98 / 100);
    }

    @Test
    void namesAChangeInHardlyAnyFlatSeries() {
        int falseAlarms = 0;
        for (long seed = 0; seed < SERIES; seed++) {
            falseAlarms += EDivisive.changePoints(noisy(new Random(seed), 20, 0.03), P, MIN_CHANGE).isEmpty() ? 0 : 1;
        }
        System.out.printf("20 flat runs, 3 %% noise: a change point in %d of %d series%n", falseAlarms, SERIES);
        assertThat(falseAlarms).as("flat series of %d with a change point", SERIES).isLessThanOrEqualTo(SERIES / 200);
    }

    @Test
    void aSingleNoisyRunIsNotAChangePoint() {
        for (int at : new int[] {0, 1, 10, 18, 19}) {
            double[] series = noisy(new Random(at), 20, 0.03);
            series[at] *= 3;
            assertThat(EDivisive.changePoints(series, P, MIN_CHANGE)).as("outlier at %d", at).isEmpty();
        }
    }

    @Test
    void aStepSmallerThanTheSmallestChangeWorthReportingIsDropped() {
        double[] series = noisy(new Random(7), 40, 0.002);
        for (int i = 20; i < 40; i++) {
            series[i] *= 1.03;
        }
        assertThat(EDivisive.changePoints(series, P, 0)).extracting(ChangePoint::index).containsExactly(20);
        assertThat(EDivisive.changePoints(series, P, MIN_CHANGE)).isEmpty();
    }

    @Test
    void findsEachStepOfALongSeriesAcrossWindows() {
        double[] series = noisy(new Random(3), 150, 0.03);
        for (int i = 40; i < 150; i++) {
            series[i] *= i < 110 ? 1.3 : 0.9;
        }
        assertThat(EDivisive.changePoints(series, P, MIN_CHANGE)).extracting(ChangePoint::index)
                .containsExactly(40, 110);
    }

    @Test
    void aStepIsNamedOnceEnoughRunsFollowIt() {
        int after = EDivisive.MIN_POINTS_A_SIDE;
        double[] series = noisy(new Random(11), 12 + after, 0.03);
        Arrays.setAll(series, i -> i >= 12 ? series[i] * 1.3 : series[i]);
        assertThat(EDivisive.changePoints(Arrays.copyOf(series, 12 + after - 1), P, MIN_CHANGE)).isEmpty();
        assertThat(EDivisive.changePoints(series, P, MIN_CHANGE)).extracting(ChangePoint::index).containsExactly(12);
    }

    /** Values around 1,000 with a normal relative noise of {@code cv}. */
    static double[] noisy(Random random, int length, double cv) {
        double[] series = new double[length];
        Arrays.setAll(series, i -> 1000 * (1 + cv * random.nextGaussian()));
        return series;
    }
}
