package dev.callq.bench.driver;

import java.time.Duration;
import java.util.List;

/**
 * What every client's consumer shares: the queue pattern picks the pop and the acknowledgement, and
 * {@link #close()} waits for a pop in flight so that the element the server popped is not cut off.
 * The at-least-once patterns recover what a dead worker left: {@link QueuePattern#RELIABLE} through heartbeats
 * and a reaper, {@link QueuePattern#STREAM} by claiming idle pending entries. A live worker also takes back
 * its own: between two polls it holds no event, so whatever is still in its processing list or its pending
 * entries was cut off by a broken connection (Redis moved or delivered it, the reply or the acknowledgement
 * never made it) and is delivered again. A client's consumer only supplies the Redis primitives, each one
 * command. Polled by one thread; closed from any.
 */
public abstract class PatternConsumer implements QueueConsumer {
    protected final QueueSpec spec;
    private final String processingKey;
    private final InFlightPoll inFlight;
    private final Runnable closeConnection;
    private final ReplyStamp replyStamp;
    /** The first poll recovers: a worker starting up takes back what dead ones, and its own earlier self, left. */
    private long nextRecoveryNanos = System.nanoTime();
    private long nextHeartbeatNanos = System.nanoTime();

    /** A consumer whose connection does not say when replies arrive. */
    protected PatternConsumer(QueueSpec spec, int workerId, Duration clientTimeout, Runnable closeConnection) {
        this(spec, workerId, clientTimeout, closeConnection, new ReplyStamp());
    }

    /** A consumer whose connection marks {@code replyStamp} when a reply's first bytes arrive. */
    protected PatternConsumer(QueueSpec spec, int workerId, Duration clientTimeout, Runnable closeConnection,
                              ReplyStamp replyStamp) {
        this.spec = spec;
        this.processingKey = spec.processingKey(workerId);
        this.inFlight = new InFlightPoll(spec.popTimeout().plus(clientTimeout));
        this.closeConnection = closeConnection;
        this.replyStamp = replyStamp;
    }

    @Override
    public final int poll(PayloadSink sink) {
        return inFlight.run(() -> {
            try {
                return pollPattern(sink);
            } catch (RuntimeException e) {
                // The connection may have broken between Redis's pop and its reply, or before the acknowledgement:
                // the next poll, on the reconnected client, recovers first.
                nextRecoveryNanos = System.nanoTime();
                throw e;
            }
        });
    }

    private int pollPattern(PayloadSink sink) {
        return switch (spec.pattern()) {
            case BLPOP -> popOne(stampedNext(sink));
            case RELIABLE -> {
                recoverDeadWorkers();
                yield moveToProcessing(stampedNext(sink));
            }
            case BATCH -> popBatch(stampedNext(sink));
            case STREAM -> {
                if (!recoveryDue()) {
                    yield readGroup(stampedNext(sink));
                }
                int own = readOwnPending(stampedNext(sink));
                if (own > 0) {
                    // there may be more than one batch: the next poll goes on recovering
                    nextRecoveryNanos = System.nanoTime();
                    yield own;
                }
                int claimed = claimIdle(stampedNext(sink), spec.recoveryAfter());
                yield claimed > 0 ? claimed : readGroup(stampedNext(sink));
            }
        };
    }

    /**
     * The sink for the reply of the command sent next, stamped with when its first bytes arrived. Called
     * right before the pop, after any recovery command, so that the pop's reply is the first read after
     * {@code expectReply()}; an acknowledgement comes after the sink.
     */
    private PayloadSink stampedNext(PayloadSink sink) {
        replyStamp.expectReply();
        return payloads -> sink.accept(payloads, replyStamp.arrivedMicros());
    }

    /**
     * The {@link QueuePattern#RELIABLE} reaper, run by every worker on its first poll, after a failed one and
     * every {@link QueueSpec#recoveryAfter()}: each processing list whose worker's heartbeat has expired, and
     * this worker's own, goes back to the head of the queue, oldest first. Its events may have been handled
     * already (the worker died, or its connection broke, before its LREM): they are delivered again,
     * at-least-once. Then this worker's own heartbeat is renewed, a third of its time to live before it
     * would expire.
     */
    private void recoverDeadWorkers() {
        if (recoveryDue()) {
            for (String list : processingKeys(spec.processingKeyPattern())) {
                if (list.equals(processingKey) || !exists(spec.heartbeatKey(list))) {
                    while (moveBackToQueue(list, spec.key()) != null) {
                        // one event at a time: LMOVE is atomic, so nothing is lost between the lists
                    }
                }
            }
        }
        long nowNanos = System.nanoTime();
        if (nowNanos >= nextHeartbeatNanos) {
            setHeartbeat(spec.heartbeatKey(processingKey), spec.recoveryAfter());
            nextHeartbeatNanos = nowNanos + spec.recoveryAfter().toNanos() / 3;
        }
    }

    private boolean recoveryDue() {
        long nowNanos = System.nanoTime();
        if (nowNanos < nextRecoveryNanos) {
            return false;
        }
        nextRecoveryNanos = nowNanos + spec.recoveryAfter().toNanos();
        return true;
    }

    /** BLPOP: one event. */
    protected abstract int popOne(PayloadSink sink);

    /** BLMOVE into this worker's processing list, LREM once the sink is done. */
    protected abstract int moveToProcessing(PayloadSink sink);

    /** BLMPOP with a count. */
    protected abstract int popBatch(PayloadSink sink);

    /** XREADGROUP as this worker's consumer, XACK once the sink is done. */
    protected abstract int readGroup(PayloadSink sink);

    /**
     * XREADGROUP as this worker's consumer from id 0 (no BLOCK): up to a batch of the entries delivered to it
     * and not yet acknowledged, then the sink and XACK as after a read; returns how many it handed over.
     */
    protected abstract int readOwnPending(PayloadSink sink);

    /**
     * XAUTOCLAIM of up to a batch of entries pending longer than {@code minIdle}, as this worker's consumer,
     * then the sink and XACK as after a read; returns how many it handed over.
     */
    protected abstract int claimIdle(PayloadSink sink, Duration minIdle);

    /** SCAN MATCH pattern: every key that matches. */
    protected abstract List<String> processingKeys(String pattern);

    /** EXISTS key. */
    protected abstract boolean exists(String key);

    /** LMOVE from to RIGHT LEFT: the payload moved, null when {@code from} is empty. */
    protected abstract String moveBackToQueue(String from, String to);

    /** SET key 1 PX ttl. */
    protected abstract void setHeartbeat(String key, Duration ttl);

    @Override
    public final void close() {
        inFlight.closeThen(closeConnection);
    }
}
