package dev.callq.bench.result;

import dev.callq.bench.measure.CrossCheck;
import dev.callq.bench.measure.LatencySummary;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The verdict on hand-made results: each of its conditions alone makes a client untrustworthy, and says why. */
class RunVerdictTest {
    private static final LatencySummary LAG = new LatencySummary(10_000, 20, 40, 90, 200, 300, 400, 25.0, 0);

    @Test
    void aBalancedRunOnScheduleWithAgreeingCountersIsTrustworthy() {
        RunVerdict verdict = RunVerdict.of(result(events(0, 0, 0), producer(2000, 10_000, 0), null, List.of(), null));

        assertThat(verdict.trustworthy()).isTrue();
        assertThat(verdict.reasons()).isEmpty();
    }

    @Test
    void aLostOrDuplicatedOrLeftEventIsAnAccountingProblem() {
        RunVerdict lost = RunVerdict.of(result(events(3, 0, 0), producer(2000, 10_000, 0), null, List.of(), null));
        RunVerdict duplicated = RunVerdict.of(result(events(0, 2, 0), producer(2000, 10_000, 0), null, List.of(), null));
        RunVerdict left = RunVerdict.of(result(events(0, 0, 5), producer(2000, 10_000, 0), null, List.of(), null));

        assertThat(lost.trustworthy()).isFalse();
        assertThat(lost.reasons()).containsExactly("accounting: lost 3, duplicated 0, malformed 0, left 0");
        assertThat(duplicated.reasons()).containsExactly("accounting: lost 0, duplicated 2, malformed 0, left 0");
        assertThat(left.reasons()).containsExactly("accounting: lost 0, duplicated 0, malformed 0, left 5");
    }

    @Test
    void aProducerBehindItsScheduleMakesTheRunUntrustworthy() {
        RunVerdict verdict = RunVerdict.of(result(events(0, 0, 0), producer(1900, 10_000, 0), null, List.of(), null));

        assertThat(verdict.producerKeptSchedule()).isFalse();
        assertThat(verdict.reasons()).containsExactly("producer behind schedule: achieved 1900 of 2000/s");
    }

    /** 500 of 10,000 pushes refused during a fault: offered on time, so the producer kept pace. */
    @Test
    void pushesAFaultRefusedCountAsOfferedOnTime() {
        List<FaultRecord> pause = List.of(new FaultRecord("redis-pause:1s@2s", 2_000_000, 3_000_000, null, null, 0.5,
                90_000L));

        RunVerdict withFault = RunVerdict.of(result(events(0, 0, 0), producer(1900, 9_500, 500), null, List.of(), pause));
        RunVerdict withoutFault = RunVerdict.of(result(events(0, 0, 0), producer(1900, 9_500, 500), null, List.of(), null));

        assertThat(withFault.trustworthy()).as(withFault.reasons().toString()).isTrue();
        assertThat(withoutFault.producerKeptSchedule()).isFalse();
    }

    @Test
    void aFailureMidRunMakesTheRunUntrustworthyWhateverItsCounts() {
        RunVerdict verdict = RunVerdict.of(result(events(0, 0, 0), producer(2000, 10_000, 0),
                "Redis stopped answering", List.of(), null));

        assertThat(verdict.trustworthy()).isFalse();
        assertThat(verdict.reasons()).containsExactly("failed mid-run: Redis stopped answering");
    }

    @Test
    void aCrossCheckThatFailsNamesBothCounts() {
        List<CrossCheck> checks = List.of(CrossCheck.equal("rpush", 10_000, 10_000), CrossCheck.equal("llen", 0, 7));

        RunVerdict verdict = RunVerdict.of(result(events(0, 0, 0), producer(2000, 10_000, 0), null, checks, null));

        assertThat(verdict.crossChecksAgree()).isFalse();
        assertThat(verdict.reasons()).containsExactly(
                "cross-check against Redis/Kamailio counters failed: llen: expected 0, observed 7");
    }

    @Test
    void aRunIsTrustworthyOnlyWhenEveryClientIs() {
        ClientResult clean = result(events(0, 0, 0), producer(2000, 10_000, 0), null, List.of(), null);
        ClientResult lost = result(events(1, 0, 0), producer(2000, 10_000, 0), null, List.of(), null);

        assertThat(RunVerdict.trustworthy(summary(clean, clean))).isTrue();
        assertThat(RunVerdict.trustworthy(summary(clean, lost))).isFalse();
    }

    private static ClientResult.Events events(long lost, long duplicates, long left) {
        long consumed = 10_000 - lost - left + duplicates;
        return new ClientResult.Events(10_000, consumed, 10_000 - lost - left, lost, duplicates, 0, 0, left, 100, null);
    }

    /** A producer scheduled at 2,000/s for 5 s that pushed {@code pushed} and had {@code failed} refused. */
    private static ClientResult.Producer producer(double achievedRate, long pushed, long failed) {
        return new ClientResult.Producer(2000, 2000, achievedRate, pushed, failed, 0,
                achievedRate >= 2000 * 0.99, LAG);
    }

    private static ClientResult result(ClientResult.Events events, ClientResult.Producer producer, String failure,
                                       List<CrossCheck> checks, List<FaultRecord> faults) {
        ClientResult.Reconciled accounting = new ClientResult.Reconciled("identity", null, 0, checks, null);
        return new ClientResult("jedis", 4, "blpop", "json", "synthetic", "none", null, events, Map.of(), 2000, 5, 2,
                0, producer, 0, "jedis.hlog", "jedis-timeseries.csv", Map.of(), List.of(), failure, accounting, null,
                faults, null);
    }

    private static RunSummary summary(ClientResult... clients) {
        return new RunSummary(RunSummary.SCHEMA, "2026-12-07T09:00:00Z", "warm-up 2 s, measured 5 s", Map.of(), Map.of(),
                List.of(clients), null);
    }
}
