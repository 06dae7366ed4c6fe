package dev.callq.bench.measure;

import dev.callq.bench.event.CallEvent;
import dev.callq.bench.event.EventKind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

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
        assertThat(ledger.consumed(new CallEvent("a", EventKind.INVITE, 1))).as("the first, delivered again").isFalse();
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
    void byIdentityALostEventAndAnUnexpectedOneDoNotCancel() {
        SequenceIds pushed = new SequenceIds("syn-", 2);
        pushed.add(0, 0, 3);
        pushed.add(1, 0, 3);
        EventLedger ledger = new EventLedger();
        for (String callId : List.of("syn-0-0", "syn-0-1", "syn-0-2", "syn-1-0", "syn-1-1", "made-up")) {
            ledger.consumed(new CallEvent(callId, EventKind.INVITE, 1));
        }
        ledger.consumed(new CallEvent("syn-0-0", EventKind.INVITE, 1)); // delivered twice

        Accounting.Reconciliation reconciled = Accounting.reconcile(
                ExpectedEvents.byIdentity(pushed, EventIds.none()), ledger, Set.of(), 0);

        assertThat(reconciled.accounting().lost()).isEqualTo(1);
        assertThat(reconciled.accounting().unexpected()).isEqualTo(1);
        assertThat(reconciled.accounting().duplicates()).isEqualTo(1);
        assertThat(reconciled.lostIds().lines()).containsExactly("syn-1-2 INVITE");
        assertThat(reconciled.unexpectedIds().lines()).containsExactly("made-up INVITE");
        assertThat(reconciled.duplicateIds().lines()).containsExactly("syn-0-0 INVITE");
        // by counts the two cancel out
        assertThat(Accounting.of(6, 7, 6, 0, 0).lost()).isZero();
    }

    @Test
    void anEventLeftInRedisIsNotLostAndAFailedPushThatLandedIsNotUnexpected() {
        SequenceIds pushed = new SequenceIds("syn-", 1);
        pushed.add(0, 0, 2);
        pushed.add(0, 4, 1);
        SequenceIds failed = new SequenceIds("syn-", 1);
        failed.add(0, 2, 2);
        EventLedger ledger = new EventLedger();
        ledger.consumed(new CallEvent("syn-0-0", EventKind.INVITE, 1));
        ledger.consumed(new CallEvent("syn-0-3", EventKind.INVITE, 1));
        ledger.consumed(new CallEvent("syn-0-4", EventKind.INVITE, 1));

        Accounting accounting = Accounting.reconcile(ExpectedEvents.byIdentity(pushed, failed), ledger,
                Set.of(new CallEvent("syn-0-1", EventKind.INVITE, 0).uniqueKey()), 1).accounting();

        assertThat(accounting.expected()).isEqualTo(3);
        assertThat(accounting.lost()).isZero();
        assertThat(accounting.leftInQueue()).isEqualTo(1);
        assertThat(accounting.unexpected()).isZero();
        assertThat(accounting.pushedDespiteFailure()).isEqualTo(1);
    }

    @Test
    void sequenceIdsTellTheirOwnCallIds() {
        SequenceIds ids = new SequenceIds("syn-", 2);
        ids.add(1, 0, 512);
        ids.add(1, 512, 512);

        assertThat(ids.size()).isEqualTo(1024);
        assertThat(ids.contains(new CallEvent("syn-1-1023", EventKind.INVITE, 0).uniqueKey())).isTrue();
        assertThat(ids.contains(new CallEvent("syn-1-1024", EventKind.INVITE, 0).uniqueKey())).isFalse();
        assertThat(ids.contains(new CallEvent("syn-01-5", EventKind.INVITE, 0).uniqueKey())).isFalse();
        assertThat(ids.contains(new CallEvent("syn-1-5", EventKind.BYE, 0).uniqueKey())).isFalse();
        assertThat(ids.contains(new CallEvent("syn-0-0", EventKind.INVITE, 0).uniqueKey())).isFalse();
        assertThat(ids.contains("syn-x")).isFalse();
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

    /**
     * Kamailio pushed a retransmitted INVITE again (its counters say 601 pushes for 300 calls' INVITEs and BYEs
     * plus one): every push was delivered once, so nothing is lost, duplicated or unexpected.
     */
    @Test
    void aSecondPushOfOneIdentityIsNeitherLostNorADuplicateByCounts() {
        Accounting accounting = Accounting.of(601, 601, 600, 1, 0, 0);

        assertThat(accounting.lost()).isZero();
        assertThat(accounting.duplicates()).isZero();
        assertThat(accounting.unexpected()).isZero();
        assertThat(accounting.rePushed()).isEqualTo(1);
        assertThat(accounting.balanced()).isTrue();
        assertThat(Accounting.of(601, 600, 599, 1, 0, 0).lost()).as("one push not delivered").isEqualTo(1);
    }
}
