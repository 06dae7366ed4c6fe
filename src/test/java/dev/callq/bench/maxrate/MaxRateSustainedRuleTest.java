package dev.callq.bench.maxrate;

import dev.callq.bench.load.CallStats;
import dev.callq.bench.measure.LatencySummary;
import dev.callq.bench.measure.Slo;
import dev.callq.bench.result.BacklogTrend;
import dev.callq.bench.result.ClientResult;
import dev.callq.bench.sip.CallAnswers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rule a max-rate probe is judged by, and the inputs it reads: the SLO and the backlog time series. */
class MaxRateSustainedRuleTest {
    private static final SustainedRateRule RULE = new SustainedRateRule(Slo.parse("p99=20ms"));
    private static final BacklogTrend FLAT = new BacklogTrend(List.of(3L, 0L, 5L, 1L, 2L));

    @Test
    void aCleanRunWithAFlatBacklogPasses() {
        SustainedRateRule.Judgement judgement = RULE.judge(2000, result(0, true, 15_000), FLAT);

        assertThat(judgement.passed()).isTrue();
        assertThat(judgement.sloMeasuredMicros()).isEqualTo(15_000);
        assertThat(judgement.finalBacklog()).isEqualTo(2);
    }

    @Test
    void aGrowingBacklogFailsEvenWhenTheLatencyIsStillWithinTheSlo() {
        BacklogTrend growing = new BacklogTrend(List.of(0L, 40L, 80L, 120L, 160L));

        SustainedRateRule.Judgement judgement = RULE.judge(2000, result(0, true, 15_000), growing);

        assertThat(judgement.passed()).isFalse();
        assertThat(judgement.backlogSlopePerSec()).isEqualTo(40.0);
        assertThat(judgement.reason()).isEqualTo("backlog grew 40 events/s (limit 20)");
    }

    @Test
    void eachConditionFailsOnItsOwnWithItsReason() {
        assertThat(RULE.judge(2000, result(0, true, 25_000), FLAT).reason()).isEqualTo("p99 25000 us > 20000 us");
        assertThat(RULE.judge(2000, result(3, true, 15_000), FLAT).reason())
                .isEqualTo("accounting: lost 3, duplicated 0, malformed 0, left 0");
        assertThat(RULE.judge(2000, result(0, false, 15_000), FLAT).reason())
                .isEqualTo("producer behind schedule: achieved 1900 of 2000/s");
        assertThat(RULE.judge(2000, result(0, true, 15_000), new BacklogTrend(List.of(250L, 250L, 250L))).reason())
                .isEqualTo("final backlog 250 > 200");
    }

    @Test
    void underSipLoadTheBacklogLimitsCountTheEventsEachCallPushes() {
        // 1,000 calls/s pushing an INVITE and a BYE each offer 2,000 events/s: a growth of 15 events/s is within
        // 1 % of that, though not of 1,000 events/s.
        BacklogTrend growing15 = new BacklogTrend(List.of(0L, 15L, 30L, 45L, 60L));

        assertThat(RULE.judge(1000, 2, result(0, true, 15_000), growing15).passed()).isTrue();
        assertThat(RULE.judge(1000, 1, result(0, true, 15_000), growing15).reason())
                .isEqualTo("backlog grew 15 events/s (limit 10)");
    }

    @Test
    void aLatencyFailureCausedByALateProducerSaysSo() {
        ClientResult late = result(0, true, 25_000);
        ClientResult.Producer producer = late.producer();
        LatencySummary lag = new LatencySummary(10_000, 100, 200, 24_000, 24_000, 24_000, 24_000, 300, 0);
        ClientResult withLag = new ClientResult("jedis", 8, "blpop", "json", "synthetic", "none", null, late.events(),
                late.latencyMicros(), 2000, 5, 2, 10, new ClientResult.Producer(producer.targetRate(),
                producer.scheduledRate(), producer.achievedRate(), producer.pushed(), 0, true, lag), 0, "jedis.hlog", "jedis-timeseries.csv",
                Map.of(), List.of());

        assertThat(RULE.judge(2000, withLag, FLAT).reason()).isEqualTo(
                "p99 25000 us > 20000 us (producer lag p99 24000 us: the producer was late, not the queue)");
    }

    @Test
    void theBacklogIsReadFromTheMeasuredSecondsOfTheTimeSeriesOnly(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("jedis-timeseries.csv"), """
                epochSecond,consumedPerSec,backlog,p99EnqueueToDequeueMicros
                100,900.0,10,1000
                101,900.0,110,1000
                102,900.0,210,1000
                103,1200.0,0,1000
                """);

        BacklogTrend trend = BacklogTrend.read(csv, 3.05);

        assertThat(trend.backlogPerSecond()).containsExactly(10L, 110L, 210L);
        assertThat(trend.slopePerSec()).isEqualTo(100.0);
        assertThat(trend.finalBacklog()).isEqualTo(210);
    }

    @Test
    void theSloIsTheOneSpelledForPlanAndMustBeAPercentileTheRunSummaryHolds() {
        SustainedRateRule dotless = new SustainedRateRule(Slo.parse("p999=20ms"));
        SustainedRateRule dotted = new SustainedRateRule(Slo.parse("p99.9=20ms"));
        ClientResult slowTail = result(0, true, 25_000);

        assertThat(dotless.judge(2000, slowTail, FLAT).reason()).isEqualTo("p99.9 25000 us > 20000 us");
        assertThat(dotted.judge(2000, slowTail, FLAT)).isEqualTo(dotless.judge(2000, slowTail, FLAT));
        assertThatThrownBy(() -> new SustainedRateRule(Slo.parse("p95=20ms"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--slo p95=20ms cannot judge a max-rate probe: a run's summary holds p50, p90, p99, "
                        + "p99.9 and p99.99 only");
        assertThatThrownBy(() -> Slo.parse("p99<20ms")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void underSipLoadAFailedCallFailsTheProbeWithItsCauseAndNoProducerIsNeeded() {
        ClientResult clean = sipResult(0);
        ClientResult failing = sipResult(4);

        assertThat(RULE.judge(100, clean, FLAT).passed()).isTrue();
        assertThat(RULE.judge(100, failing, FLAT).reason())
                .isEqualTo("4 of 500 calls failed: 4 pushes failed (answered 5xx); SIPp got 4 × 5xx");
    }

    private static ClientResult sipResult(long failedCalls) {
        ClientResult synthetic = result(0, true, 15_000);
        LatencySummary postDialDelay = new LatencySummary(500, 4000, 4000, 8000, 8000, 8000, 8000, 4100, 0);
        CallStats calls = new CallStats(500, 500 - failedCalls, failedCalls, failedCalls, 1000 - 2 * failedCalls, null,
                postDialDelay, new CallAnswers(500 - failedCalls, 0, 0, failedCalls, 0, 0), null);
        return new ClientResult("jedis", 8, "blpop", "json", "sip", "none", calls, synthetic.events(),
                synthetic.latencyMicros(), 190, 5, 2, 10, null, 0, "jedis.hlog", "jedis-timeseries.csv",
                Map.of(), List.of());
    }

    private static ClientResult result(long lost, boolean keptSchedule, long p99Micros) {
        LatencySummary wait = new LatencySummary(10_000, p99Micros / 4, p99Micros / 2, p99Micros, p99Micros,
                p99Micros, p99Micros, p99Micros / 4.0, 0);
        ClientResult.Events events = new ClientResult.Events(10_000, 10_000 - lost, 10_000 - lost, lost, 0, 0, 0, 0,
                100, null);
        LatencySummary lag = new LatencySummary(10_000, 20, 40, 90, 200, 300, 400, 25.0, 0);
        ClientResult.Producer producer = new ClientResult.Producer(2000, 2000, keptSchedule ? 2000 : 1900, 10_000, 0,
                keptSchedule, lag);
        return new ClientResult("jedis", 8, "blpop", "json", "synthetic", "none", null, events,
                Map.of("enqueueToDequeue", wait), 2000, 5, 2, 10, producer, 0, "jedis.hlog", "jedis-timeseries.csv",
                Map.of(), List.of());
    }
}
