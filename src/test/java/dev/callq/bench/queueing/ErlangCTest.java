package dev.callq.bench.queueing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ErlangCTest {

    @Test
    void offeredLoadIsArrivalRateTimesHoldingTime() {
        assertThat(ErlangC.offeredLoadErlangs(5_000, 2_100)).isCloseTo(10.5, within(1e-12));
    }

    @Test
    void erlangBMatchesTheClosedFormForASmallPool() {
        // A²/2 / (1 + A + A²/2) for A = 2, c = 2
        assertThat(ErlangC.erlangB(2, 2.0)).isCloseTo(2.0 / 5.0, within(1e-12));
    }

    @Test
    void probabilityOfWaitingMatchesTheDesignCheckValuesForTenErlangs() {
        assertThat(ErlangC.probabilityOfWaiting(11, 10.0)).isCloseTo(0.682, within(5e-4));
        assertThat(ErlangC.probabilityOfWaiting(12, 10.0)).isCloseTo(0.449, within(5e-4));
        assertThat(ErlangC.probabilityOfWaiting(13, 10.0)).isCloseTo(0.285, within(5e-4));
        assertThat(ErlangC.probabilityOfWaiting(14, 10.0)).isCloseTo(0.174, within(5e-4));
    }

    @Test
    void singleWorkerWaitsWithProbabilityRho() {
        // M/M/1: C = ρ and Wq = ρ·S/(1 − ρ)
        assertThat(ErlangC.probabilityOfWaiting(1, 0.75)).isCloseTo(0.75, within(1e-12));
        assertThat(ErlangC.meanWaitMicros(1, 0.75, 1_000)).isCloseTo(3_000, within(1e-9));
    }

    @Test
    void p99WaitAtFiveThousandPerSecondMatchesTheDesignCheckValues() {
        double load = ErlangC.offeredLoadErlangs(5_000, 2_100);
        assertThat(ErlangC.percentileWaitMicros(13, load, 2_100, 0.99)).isCloseTo(3_030, within(5.0));
        assertThat(ErlangC.percentileWaitMicros(12, load, 2_100, 0.99)).isCloseTo(5_650, within(5.0));
    }

    @Test
    void fiveThousandPerSecondAtTwoPointOneMillisNeedsThirteenWorkersForP99UnderFiveMillis() {
        assertThat(ErlangC.minimumWorkers(5_000, 2_100, 0.99, 5_000)).isEqualTo(13);
    }

    @Test
    void percentileWaitIsZeroWhenFewerThanOneMinusPEventsWait() {
        double load = 10.0;
        assertThat(ErlangC.probabilityOfWaiting(20, load)).isLessThan(0.01);
        assertThat(ErlangC.percentileWaitMicros(20, load, 1_000, 0.99)).isZero();
    }

    @Test
    void tailProbabilityAtThePercentileWaitIsOneMinusP() {
        double load = 10.5;
        double p99 = ErlangC.percentileWaitMicros(13, load, 2_100, 0.99);
        assertThat(ErlangC.probabilityWaitExceeds(13, load, 2_100, p99)).isCloseTo(0.01, within(1e-12));
        assertThat(ErlangC.probabilityWaitExceeds(13, load, 2_100, 0))
                .isCloseTo(ErlangC.probabilityOfWaiting(13, load), within(1e-12));
    }

    @Test
    void poolNoLargerThanTheOfferedLoadIsUnstable() {
        assertThatThrownBy(() -> ErlangC.probabilityOfWaiting(10, 10.0))
                .isInstanceOf(UnstableQueueException.class)
                .hasMessageContaining("unstable");
        assertThatThrownBy(() -> ErlangC.percentileWaitMicros(9, 10.0, 1_000, 0.99))
                .isInstanceOf(UnstableQueueException.class);
        assertThat(ErlangC.isStable(10, 10.0)).isFalse();
        assertThat(ErlangC.isStable(11, 10.0)).isTrue();
    }

    @Test
    void thousandsOfWorkersDoNotOverflow() {
        double load = 2_000.0;
        double blocking = ErlangC.erlangB(2_100, load);
        double waiting = ErlangC.probabilityOfWaiting(2_100, load);
        assertThat(blocking).isFinite().isBetween(0.0, 1.0);
        assertThat(waiting).isFinite().isBetween(0.0, 1.0).isCloseTo(0.0156, within(1e-4));
        assertThat(ErlangC.percentileWaitMicros(2_100, load, 1_000, 0.99)).isFinite();
        int workers = ErlangC.minimumWorkers(1_000_000, 2_000, 0.99, 100);
        assertThat(workers).isGreaterThan(2_000).isLessThan(2_200);
    }

    @Test
    void percentileOutsideTheOpenUnitIntervalIsRejected() {
        assertThatThrownBy(() -> ErlangC.percentileWaitMicros(13, 10.5, 2_100, 99))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fraction");
    }
}
