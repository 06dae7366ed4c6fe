package dev.callq.bench.measure;

import dev.callq.bench.event.CallEvent;
import dev.callq.bench.event.EventKind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/** The ledger's warm-up count while workers are still taking warm-up events. */
class EventLedgerTest {
    private static final int WORKERS = 4;
    private static final int EVENTS_PER_WORKER = 100_000;

    /**
     * An overloaded warm-up has not drained when measuring begins: its Call-IDs are forgotten while the
     * workers still take its events. Each event is taken once, so none may count as taken twice.
     */
    @Test
    void warmUpEventsTakenWhileTheirCallIdsAreForgottenAreNotDuplicates() throws Exception {
        EventLedger ledger = new EventLedger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            int worker = w;
            Thread thread = new Thread(() -> {
                awaitQuietly(start);
                for (int i = 0; i < EVENTS_PER_WORKER; i++) {
                    ledger.warmupConsumed(new CallEvent(CallEvent.WARMUP_PREFIX + worker + "-" + i, EventKind.INVITE, 0));
                }
            });
            thread.start();
            workers.add(thread);
        }
        start.countDown();
        long duplicatesSeenMidway = 0;
        while (workers.stream().anyMatch(Thread::isAlive)) {
            ledger.forgetWarmupCallIds();
            duplicatesSeenMidway = Math.max(duplicatesSeenMidway, ledger.warmupDuplicateCount());
        }
        for (Thread thread : workers) {
            thread.join();
        }

        assertThat(ledger.warmupCount()).isEqualTo((long) WORKERS * EVENTS_PER_WORKER);
        assertThat(duplicatesSeenMidway).isZero();
        assertThat(ledger.warmupDuplicateCount()).isZero();
    }

    @Test
    void aWarmUpEventTakenTwiceIsCounted() {
        EventLedger ledger = new EventLedger();
        CallEvent event = new CallEvent(CallEvent.WARMUP_PREFIX + "0-1", EventKind.INVITE, 0);

        assertThat(ledger.warmupConsumed(event)).isTrue();
        assertThat(ledger.warmupConsumed(event)).isFalse();

        assertThat(ledger.warmupDuplicateCount()).isEqualTo(1);
        assertThat(ledger.warmupCount()).isEqualTo(2);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The same Call-ID and kind again: with the same stamp a second delivery, with another a second push. */
    @Test
    void aSecondStampIsASecondPushAndTheSameStampASecondDelivery() {
        EventLedger ledger = new EventLedger();

        assertThat(ledger.consumed(new CallEvent("call-1", EventKind.INVITE, 1_000))).isTrue();
        assertThat(ledger.consumed(new CallEvent("call-1", EventKind.INVITE, 2_000))).as("pushed again").isTrue();
        assertThat(ledger.consumed(new CallEvent("call-1", EventKind.INVITE, 2_000))).as("delivered again").isFalse();
        assertThat(ledger.consumed(new CallEvent("call-1", EventKind.INVITE, 1_000))).as("delivered again").isFalse();
        assertThat(ledger.consumed(new CallEvent("call-2", EventKind.BYE, CallEvent.NO_STAMP))).isTrue();
        assertThat(ledger.consumed(new CallEvent("call-2", EventKind.BYE, CallEvent.NO_STAMP)))
                .as("without stamps a repeat is taken for a second delivery").isFalse();

        assertThat(ledger.consumedCount()).isEqualTo(6);
        assertThat(ledger.uniqueCount()).isEqualTo(2);
        assertThat(ledger.rePushedCount()).isEqualTo(1);
    }
}
