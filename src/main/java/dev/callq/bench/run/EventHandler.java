package dev.callq.bench.run;

import dev.callq.bench.driver.PayloadSink;
import dev.callq.bench.driver.ReplyStamp;
import dev.callq.bench.event.CallEvent;
import dev.callq.bench.event.MalformedEventException;
import dev.callq.bench.event.PayloadFormat;
import dev.callq.bench.measure.DeferredLatencies;
import dev.callq.bench.measure.EventLedger;
import dev.callq.bench.measure.Recorders;
import dev.callq.bench.measure.WallClock;

import java.util.List;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * What every worker does with what it popped: stamp the dequeue time, decode, account, record
 * enqueue→dequeue, do the simulated work, record service time and enqueue→done. Shared by all
 * workers of a client; all clock readings of the consumer side happen here, none in the drivers.
 */
public final class EventHandler implements PayloadSink {
    private final PayloadFormat format;
    private final Recorders recorders;
    /** Warm-up events take the same path into recorders of their own, so the measured path is warm too. */
    private final Recorders warmupRecorders = Recorders.create();
    private final EventLedger ledger;
    private final DeferredLatencies deferred;
    private final Runnable work;
    private final boolean recordServiceTime;
    private final LongAdder inFlight = new LongAdder();
    /** Striped like a LongAdder: every worker writes it on every event, and one shared CAS made them queue. */
    private final LongAccumulator lastDequeuedMicros = new LongAccumulator(Math::max, Long.MIN_VALUE);

    public EventHandler(PayloadFormat format, Recorders recorders, EventLedger ledger, DeferredLatencies deferred,
                 Runnable work, boolean recordServiceTime) {
        this.format = format;
        this.recorders = recorders;
        this.ledger = ledger;
        this.deferred = deferred;
        this.work = work;
        this.recordServiceTime = recordServiceTime;
    }

    @Override
    public void accept(List<String> payloads) {
        accept(payloads, ReplyStamp.NONE);
    }

    @Override
    public void accept(List<String> payloads, long replyArrivedMicros) {
        long dequeuedMicros = WallClock.nowMicros();
        // The whole batch is in flight until its last event is handled: the drain waits for all of it.
        inFlight.add(payloads.size());
        try {
            for (String payload : payloads) {
                handle(payload, replyArrivedMicros, dequeuedMicros);
            }
        } finally {
            inFlight.add(-payloads.size());
        }
    }

    /** Events popped and not yet handled, for the drain phase: the queue is empty only when this is 0 too. */
    long inFlight() {
        return inFlight.sum();
    }

    /** When the last measured event was dequeued, for the throughput's time base. */
    public long lastDequeuedMicros() {
        return lastDequeuedMicros.get();
    }

    private void handle(String payload, long replyArrivedMicros, long dequeuedMicros) {
        CallEvent event;
        try {
            event = format.decode(payload);
        } catch (MalformedEventException e) {
            ledger.malformed(payload, e.getMessage() + format.mismatchHint(payload));
            return;
        }
        boolean measured = !event.isWarmup();
        Recorders target = measured ? recorders : warmupRecorders;
        if (measured) {
            ledger.consumed(event);
            lastDequeuedMicros.accumulate(dequeuedMicros);
        } else {
            ledger.warmupConsumed(event);
        }
        if (event.hasStamp()) {
            target.enqueueToDequeue().recordMicros(dequeuedMicros - event.enqueuedAtMicros());
            if (replyArrivedMicros != ReplyStamp.NONE) {
                // The same event's total, cut where its reply reached the socket: the two add up to it exactly.
                target.stampToReply().recordMicros(replyArrivedMicros - event.enqueuedAtMicros());
                target.clientShare().recordMicros(dequeuedMicros - replyArrivedMicros);
            }
        }
        long workStartNanos = System.nanoTime();
        work.run();
        long workNanos = System.nanoTime() - workStartNanos;
        long doneMicros = WallClock.nowMicros();
        if (recordServiceTime) {
            target.serviceTime().recordMicros(workNanos / 1_000L);
        }
        if (event.hasStamp()) {
            target.enqueueToDone().recordMicros(doneMicros - event.enqueuedAtMicros());
        } else if (measured) {
            deferred.add(event.callId(), dequeuedMicros, doneMicros);
        }
    }
}
