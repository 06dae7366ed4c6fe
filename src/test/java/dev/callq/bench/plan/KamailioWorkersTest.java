package dev.callq.bench.plan;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Kamailio's SIP workers for a push rate: Little's law for the mean, Erlang C for the pool. */
class KamailioWorkersTest {

    @Test
    void littlesLawGivesTheBusyWorkersAndErlangCThePool() {
        // 5,000 pushes/s, each holding a worker for a 500 µs round trip: 2.5 workers busy on average.
        KamailioWorkers kamailio = KamailioWorkers.of(5_000, 500);

        assertThat(kamailio.busyOnAverage()).isCloseTo(2.5, within(1e-12));
        assertThat(kamailio.workers()).isEqualTo(WorkerCountIntervalTest.independentSize(5_000, 500, 1.0, 0.99, 500))
                .isGreaterThan(3);
        assertThat(kamailio.probabilityOfWaiting()).isBetween(0.0, 0.5);
        assertThat(kamailio.describe()).startsWith(kamailio.workers() + " (--kamailio-children " + kamailio.workers()
                + "): 5000 pushes/s × Redis round trip 500 µs = 2.50 workers busy");
    }

    @Test
    void aLongerRoundTripNeedsMoreWorkers() {
        assertThat(KamailioWorkers.of(5_000, 2_000).workers()).isGreaterThan(KamailioWorkers.of(5_000, 500).workers());
        assertThat(KamailioWorkers.of(5_000, 2_000).busyOnAverage()).isCloseTo(10.0, within(1e-12));
    }

    @Test
    void aZeroRoundTripStillGivesAWorker() {
        assertThat(KamailioWorkers.of(1_000, 0).workers()).isEqualTo(1);
    }
}
