package dev.callq.bench.load;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProducerCoresTest {

    @Test
    void theProducerGetsTwoCoresOfItsOwnFromFourUpAndOtherwiseSaysWhyNot() {
        SyntheticLoad.Cores two = SyntheticLoad.Cores.forCpus(List.of(0, 1));
        SyntheticLoad.Cores eight = SyntheticLoad.Cores.forCpus(List.of(0, 1, 2, 3, 4, 5, 6, 7));

        assertThat(two.pins()).isFalse();
        assertThat(two.notPinnedBecause()).isEqualTo("2 cores: pinning needs 4 or more, so that producer and "
                + "consumers each keep 2");
        assertThat(eight.pins()).isTrue();
        assertThat(eight.producerCpus()).isEqualTo("0,1");
        assertThat(eight.otherCpus()).isEqualTo("2,3,4,5,6,7");
        assertThat(eight.notPinnedBecause()).isNull();
    }

    @Test
    void inACpusetThatDoesNotStartAtZeroTheProducerTakesItsFirstTwoCpus() {
        SyntheticLoad.Cores cpuset = SyntheticLoad.Cores.forCpus(List.of(4, 5, 6, 7));

        assertThat(cpuset.producerCpus()).isEqualTo("4,5");
        assertThat(cpuset.otherCpus()).isEqualTo("6,7");
    }
}
