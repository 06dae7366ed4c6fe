package dev.callq.bench.queueing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AllenCunneenTest {

    private static final double LOAD = 10.5;
    private static final double SERVICE_MICROS = 2_100;

    @Test
    void exponentialServiceGivesErlangC() {
        assertThat(AllenCunneen.meanWaitMicros(13, LOAD, SERVICE_MICROS, 1.0))
                .isCloseTo(ErlangC.meanWaitMicros(13, LOAD, SERVICE_MICROS), within(1e-9));
        assertThat(AllenCunneen.percentileWaitMicros(13, LOAD, SERVICE_MICROS, 1.0, 0.99))
                .isCloseTo(ErlangC.percentileWaitMicros(13, LOAD, SERVICE_MICROS, 0.99), within(1e-9));
        assertThat(AllenCunneen.probabilityWaitExceeds(13, LOAD, SERVICE_MICROS, 1.0, 1_000))
                .isCloseTo(ErlangC.probabilityWaitExceeds(13, LOAD, SERVICE_MICROS, 1_000), within(1e-12));
    }

    @Test
    void deterministicServiceHalvesTheMeanWait() {
        assertThat(AllenCunneen.meanWaitMicros(13, LOAD, SERVICE_MICROS, 0.0))
                .isCloseTo(ErlangC.meanWaitMicros(13, LOAD, SERVICE_MICROS) / 2, within(1e-9));
    }

    @Test
    void percentileWaitScalesWithTheCorrectionFactor() {
        double exponential = ErlangC.percentileWaitMicros(13, LOAD, SERVICE_MICROS, 0.99);
        assertThat(AllenCunneen.percentileWaitMicros(13, LOAD, SERVICE_MICROS, 0.0, 0.99))
                .isCloseTo(exponential / 2, within(1e-9));
        assertThat(AllenCunneen.percentileWaitMicros(13, LOAD, SERVICE_MICROS, 3.0, 0.99))
                .isCloseTo(exponential * 2, within(1e-9));
    }

    @Test
    void probabilityOfWaitingAtAllIsStillErlangC() {
        assertThat(AllenCunneen.probabilityWaitExceeds(13, LOAD, SERVICE_MICROS, 0.0, 0.0))
                .isCloseTo(ErlangC.probabilityOfWaiting(13, LOAD), within(1e-12));
    }

    @Test
    void correctionFactorAveragesArrivalAndServiceVariability() {
        assertThat(AllenCunneen.correctionFactor(1.0, 0.0)).isEqualTo(0.5);
        assertThat(AllenCunneen.correctionFactor(1.0, 8.0)).isEqualTo(4.5);
    }
}
