package dev.callq.bench.driver;

import dev.callq.bench.measure.WallClock;

/**
 * When the first bytes of a connection's latest reply reached the client: the socket's reader (Jedis's
 * worker thread, Lettuce's and Redisson's Netty event loops) marks it, the consumer reads it once the pop
 * returns. The one
 * clock reading a driver takes, because only the socket sees that moment; it is read from
 * {@link WallClock}, the clock of every other stamp, so that the framework can split enqueue→dequeue
 * into the producer's, Redis's and the client's shares.
 * Marked by one thread at a time; {@link #expectReply()} is called before the command is written, so a
 * reply read before it (the previous command's) is never taken for this one.
 */
public final class ReplyStamp {
    /** No reply arrived since {@link #expectReply()}, or the connection is not instrumented. */
    public static final long NONE = 0;

    /**
     * Whether drivers instrument their consumers' sockets. {@code CALLQ_LATENCY_SPLIT=off} leaves the
     * sockets as the client library opens them, to measure what the instrumentation costs.
     */
    public static final boolean ENABLED = !"off".equalsIgnoreCase(System.getenv("CALLQ_LATENCY_SPLIT"));

    private volatile long arrivedMicros = NONE;

    /** Forgets the last reply: the next bytes that arrive belong to the command about to be written. */
    public void expectReply() {
        arrivedMicros = NONE;
    }

    /** Bytes arrived on the socket; only the first read after {@link #expectReply()} is kept. */
    public void bytesArrived() {
        if (arrivedMicros == NONE) {
            arrivedMicros = WallClock.nowMicros();
        }
    }

    /** When the reply's first bytes arrived, wall-clock microseconds; {@link #NONE} when unknown. */
    public long arrivedMicros() {
        return arrivedMicros;
    }
}
