package dev.callq.bench.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProducerCoresTest {

    @Test
    void theProducerGetsTwoCoresOfItsOwnFromFourUpAndOtherwiseSaysWhyNot() {
        SyntheticLoad.Cores two = SyntheticLoad.Cores.forMachine(2);
        SyntheticLoad.Cores eight = SyntheticLoad.Cores.forMachine(8);

        assertThat(two.pins()).isFalse();
        assertThat(two.notPinnedBecause()).isEqualTo("2 cores: pinning needs 4 or more, so that producer and "
                + "consumers each keep 2");
        assertThat(eight.pins()).isTrue();
        assertThat(eight.producerCpus()).isEqualTo("0-1");
        assertThat(eight.otherCpus()).isEqualTo("2-7");
        assertThat(eight.notPinnedBecause()).isNull();
    }
}
