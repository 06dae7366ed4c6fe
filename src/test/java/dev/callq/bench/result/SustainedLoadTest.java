package dev.callq.bench.result;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SustainedLoadTest {
    @Test
    void anOverloadedPhaseFailsOnWhatItConsumedWhateverItsLength() {
        SustainedLoad judged = SustainedLoad.judge(50_000, 700.0, new BacklogTrend(List.of(40_000L, 75_000L)),
                SustainedLoad.MAX_FINAL_BACKLOG_SECONDS);

        assertThat(judged.sustained()).isFalse();
        assertThat(judged.reasons()).containsExactly("consumed 700 events/s of 50000 offered during the measured phase",
                "final backlog 75000 > 5000");
    }

    @Test
    void aFewSecondsOfAFluctuatingQueueAreNotATrend() {
        // One worker 80 % busy for 2 s: two snapshots of the backlog, 1 then 4.
        SustainedLoad judged = SustainedLoad.judge(200, 198.0, new BacklogTrend(List.of(1L, 4L)),
                SustainedLoad.MAX_FINAL_BACKLOG_SECONDS);

        assertThat(judged.sustained()).isTrue();
        assertThat(judged.backlogGrowthPerSecond()).isEqualTo(3.0);
    }

    @Test
    void fromFiveSecondsOnASteadyGrowthFailsBeforeTheFinalBacklogDoes() {
        SustainedLoad judged = SustainedLoad.judge(200, 196.0, new BacklogTrend(List.of(0L, 3L, 6L, 9L, 12L)),
                SustainedLoad.MAX_FINAL_BACKLOG_SECONDS);

        assertThat(judged.sustained()).isFalse();
        assertThat(judged.reasons()).containsExactly("backlog grew 3 events/s (limit 2)");
    }

    /**
     * The last second's sample caught a stall (19 events, more than 0.1 s of 173 events/s), but nothing was left
     * when the phase ended: the drain took nothing. With 30 left, the final backlog fails.
     */
    @Test
    void theFinalBacklogIsWhatRemainedWhenThePhaseEndedNotALateStallTheSampleCaught() {
        BacklogTrend sampled = new BacklogTrend(List.of(0L, 2L, 19L));

        SustainedLoad caughtUp = SustainedLoad.judge(173, 173.0, sampled.endingAtMost(0),
                SustainedLoad.MAX_FINAL_BACKLOG_SECONDS);
        SustainedLoad leftBehind = SustainedLoad.judge(173, 173.0, sampled.endingAtMost(30),
                SustainedLoad.MAX_FINAL_BACKLOG_SECONDS);

        assertThat(caughtUp.sustained()).isTrue();
        assertThat(caughtUp.finalBacklog()).isZero();
        assertThat(leftBehind.sustained()).isFalse();
        assertThat(leftBehind.reasons()).containsExactly("final backlog 19 > 17");
    }
}
