package dev.callq.bench.driver;

import java.time.Duration;

/**
 * What every client's consumer shares: the queue pattern picks the pop and the acknowledgement, and
 * {@link #close()} waits for a pop in flight so that the element the server popped is not cut off.
 * A client's consumer only says how to pop in each pattern. Polled by one thread; closed from any.
 */
public abstract class PatternConsumer implements QueueConsumer {
    protected final QueueSpec spec;
    private final InFlightPoll inFlight;
    private final Runnable closeConnection;
    private final ReplyStamp replyStamp;

    /** A consumer whose connection does not say when replies arrive. */
    protected PatternConsumer(QueueSpec spec, Duration clientTimeout, Runnable closeConnection) {
        this(spec, clientTimeout, closeConnection, new ReplyStamp());
    }

    /** A consumer whose connection marks {@code replyStamp} when a reply's first bytes arrive. */
    protected PatternConsumer(QueueSpec spec, Duration clientTimeout, Runnable closeConnection, ReplyStamp replyStamp) {
        this.spec = spec;
        this.inFlight = new InFlightPoll(spec.popTimeout().plus(clientTimeout));
        this.closeConnection = closeConnection;
        this.replyStamp = replyStamp;
    }

    @Override
    public final int poll(PayloadSink sink) {
        replyStamp.expectReply();
        // The pop's reply is the first read after expectReply(); an acknowledgement comes after the sink.
        PayloadSink stamped = payloads -> sink.accept(payloads, replyStamp.arrivedMicros());
        return inFlight.run(() -> switch (spec.pattern()) {
            case BLPOP -> popOne(stamped);
            case RELIABLE -> moveToProcessing(stamped);
            case BATCH -> popBatch(stamped);
            case STREAM -> readGroup(stamped);
        });
    }

    /** BLPOP: one event. */
    protected abstract int popOne(PayloadSink sink);

    /** BLMOVE into this worker's processing list, LREM once the sink is done. */
    protected abstract int moveToProcessing(PayloadSink sink);

    /** BLMPOP with a count. */
    protected abstract int popBatch(PayloadSink sink);

    /** XREADGROUP as this worker's consumer, XACK once the sink is done. */
    protected abstract int readGroup(PayloadSink sink);

    @Override
    public final void close() {
        inFlight.closeThen(closeConnection);
    }
}
