package dev.callq.bench.measure;

import dev.callq.bench.event.CallEvent;
import dev.callq.bench.event.EventKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AccountingTest {
    @Test
    void everyExpectedEventConsumedOnceBalances() {
        Accounting accounting = Accounting.of(600, 600, 600, 0, 0);

        assertThat(accounting.lost()).isZero();
        assertThat(accounting.duplicates()).isZero();
        assertThat(accounting.balanced()).isTrue();
    }

    @Test
    void eventsNeitherConsumedNorLeftInTheQueueAreLost() {
        Accounting accounting = Accounting.of(600, 590, 585, 0, 3);

        assertThat(accounting.duplicates()).isEqualTo(5);
        assertThat(accounting.lost()).isEqualTo(12);
        assertThat(accounting.leftInQueue()).isEqualTo(3);
        assertThat(accounting.balanced()).isFalse();
    }

    @Test
    void moreDistinctEventsThanExpectedAreUnexpectedNotNegativeLoss() {
        Accounting accounting = Accounting.of(100, 103, 103, 0, 0);

        assertThat(accounting.lost()).isZero();
        assertThat(accounting.unexpected()).isEqualTo(3);
        assertThat(accounting.balanced()).isFalse();
    }

    @Test
    void malformedPayloadsUnbalanceTheRun() {
        assertThat(Accounting.of(10, 10, 10, 1, 0).balanced()).isFalse();
    }

    @Test
    void ledgerTellsDuplicatesByCallIdAndKind() {
        EventLedger ledger = new EventLedger();

        assertThat(ledger.consumed(new CallEvent("a", EventKind.INVITE, 1))).isTrue();
        assertThat(ledger.consumed(new CallEvent("a", EventKind.BYE, 2))).isTrue();
        assertThat(ledger.consumed(new CallEvent("a", EventKind.INVITE, 3))).isFalse();
        assertThat(ledger.warmupConsumed(new CallEvent("warmup-a", EventKind.INVITE, 1))).isTrue();
        assertThat(ledger.warmupConsumed(new CallEvent("warmup-a", EventKind.INVITE, 1))).isFalse();
        ledger.malformed("garbage", "invalid JSON");
        ledger.malformed("more garbage", "invalid JSON");

        assertThat(ledger.consumedCount()).isEqualTo(3);
        assertThat(ledger.uniqueCount()).isEqualTo(2);
        assertThat(ledger.malformedCount()).isEqualTo(2);
        assertThat(ledger.malformedSample()).isEqualTo("invalid JSON: garbage");
        assertThat(ledger.warmupCount()).isEqualTo(2);
        assertThat(ledger.warmupDuplicateCount()).isEqualTo(1);
        assertThat(ledger.totalTaken()).isEqualTo(7);
    }

    @Test
    void zeroAndNegativeLatenciesAreCountedNotDropped() {
        LatencyRecorder recorder = new LatencyRecorder(Metric.ENQUEUE_TO_DEQUEUE);
        recorder.recordMicros(-40);
        recorder.recordMicros(0);
        recorder.recordMicros(250);

        assertThat(recorder.takeInterval().getTotalCount()).isEqualTo(3);
        assertThat(recorder.nonPositiveCount()).isEqualTo(2);
    }
}
