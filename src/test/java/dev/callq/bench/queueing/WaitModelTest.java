package dev.callq.bench.queueing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WaitModelTest {

    @Test
    void sizingReportsTheRecommendationAndThePoolOneSmaller() {
        Sizing sizing = WaitModel.exponential(5_000, 2_100).size(0.99, 5_000);

        assertThat(sizing.workers()).isEqualTo(13);
        assertThat(sizing.recommended().percentileWaitMicros()).isCloseTo(3_030, within(5.0));
        assertThat(sizing.recommended().utilisation()).isCloseTo(10.5 / 13, within(1e-12));
        assertThat(sizing.oneFewer()).get()
                .isInstanceOfSatisfying(PoolEstimate.Stable.class,
                        smaller -> assertThat(smaller.percentileWaitMicros()).isCloseTo(5_650, within(5.0)));
    }

    @Test
    void estimateAgreesWithTheClosedForms() {
        PoolEstimate estimate = WaitModel.exponential(5_000, 2_100).estimate(13, 0.99);

        assertThat(estimate).isInstanceOfSatisfying(PoolEstimate.Stable.class, stable -> {
            assertThat(stable.probabilityOfWaiting()).isCloseTo(ErlangC.probabilityOfWaiting(13, 10.5), within(1e-12));
            assertThat(stable.meanWaitMicros()).isCloseTo(ErlangC.meanWaitMicros(13, 10.5, 2_100), within(1e-9));
        });
    }

    @Test
    void poolAtOrBelowTheOfferedLoadIsReportedUnstableNotAsANumber() {
        WaitModel model = WaitModel.exponential(5_000, 2_000);

        assertThat(model.estimate(10, 0.99)).isInstanceOf(PoolEstimate.Unstable.class);
        assertThat(model.estimate(10, 0.99).isStable()).isFalse();
        assertThat(model.estimate(11, 0.99).isStable()).isTrue();
        assertThat(model.minimumStableWorkers()).isEqualTo(11);
    }

    @Test
    void oneFewerThanTheFirstStablePoolIsUnstable() {
        // 100 Erlangs with a generous target: the first stable pool already meets it.
        Sizing sizing = WaitModel.exponential(100_000, 1_000).size(0.5, 1_000_000);

        assertThat(sizing.workers()).isEqualTo(101);
        assertThat(sizing.oneFewer()).get().isInstanceOf(PoolEstimate.Unstable.class);
    }

    @Test
    void deterministicWorkNeedsNoMoreWorkersThanExponential() {
        Sizing exponential = WaitModel.exponential(5_000, 2_100).size(0.99, 2_000);
        Sizing fixed = new WaitModel(5_000, 2_100, 0.0).size(0.99, 2_000);

        assertThat(fixed.workers()).isLessThan(exponential.workers());
        assertThat(fixed.recommended().percentileWaitMicros()).isLessThanOrEqualTo(2_000);
    }

    @Test
    void eightHundredCallsPerSecondWithTwoEventsEachAtThreeMillisNeedSixWorkersForP99UnderTwentyMillis() {
        // Kamailio enqueues on INVITE and on BYE: 800 calls/s are 1,600 events/s, A = 4.8 Erlangs.
        Sizing sizing = WaitModel.exponential(1_600, 3_000).size(0.99, 20_000);

        assertThat(sizing.workers()).isEqualTo(6);
        assertThat(sizing.recommended().percentileWaitMicros()).isCloseTo(9_867, within(1.0));
        assertThat(sizing.oneFewer()).get()
                .isInstanceOfSatisfying(PoolEstimate.Stable.class,
                        smaller -> assertThat(smaller.percentileWaitMicros()).isGreaterThan(20_000));
    }

    @Test
    void idleQueueNeedsOneWorker() {
        Sizing sizing = WaitModel.exponential(0, 3_000).size(0.99, 0);

        assertThat(sizing.workers()).isEqualTo(1);
        assertThat(sizing.oneFewer()).isEmpty();
    }
}
