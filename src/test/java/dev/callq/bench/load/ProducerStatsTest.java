package dev.callq.bench.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The producer is judged against the schedule it drew, not against the mean rate asked for. */
class ProducerStatsTest {
    @Test
    void aPoissonScheduleThatDrewFewerArrivalsThanTheMeanIsStillKept() {
        ProducerStats stats = ProducerStats.of(150, 2.0, 1.99, 296, 0);

        assertThat(stats.scheduledRate()).isEqualTo(148);
        assertThat(stats.achievedRate()).isEqualTo(148);
        assertThat(stats.keptSchedule()).isTrue();
    }

    @Test
    void finishingALongScheduleLateByMoreThanOnePercentIsNotKept() {
        assertThat(ProducerStats.of(200, 60.0, 60.59, 12_000, 0).keptSchedule()).isTrue();
        ProducerStats late = ProducerStats.of(200, 60.0, 60.7, 12_000, 0);

        assertThat(late.achievedRate()).isLessThan(198);
        assertThat(late.keptSchedule()).isFalse();
    }

    /** One stall of up to 0.1 s at the end of a short phase is not a lower offered load; a longer one is. */
    @Test
    void aShortPhaseMayEndOneStallLate() {
        assertThat(ProducerStats.of(200, 2.0, 2.03, 400, 0).keptSchedule()).isTrue();
        assertThat(ProducerStats.of(200, 2.0, 2.099, 400, 0).keptSchedule()).isTrue();
        ProducerStats late = ProducerStats.of(200, 2.0, 2.11, 400, 0);

        assertThat(late.achievedRate()).isLessThan(190);
        assertThat(late.keptSchedule()).isFalse();
    }

    @Test
    void aFailedPushIsNeverAKeptSchedule() {
        ProducerStats stats = ProducerStats.of(200, 2.0, 2.0, 399, 1);

        assertThat(stats.scheduledRate()).isEqualTo(200);
        assertThat(stats.keptSchedule()).isFalse();
    }
}
