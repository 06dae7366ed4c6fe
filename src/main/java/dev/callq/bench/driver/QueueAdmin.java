package dev.callq.bench.driver;

/**
 * Set-up, inspection and clean-up of a queue, on a connection separate from the workers'. Used by one
 * thread at a time: a client connection is not safe to share between threads.
 */
public interface QueueAdmin extends AutoCloseable {
    /** Deletes the queue and its processing lists, and creates what the pattern needs (a consumer group). */
    void reset(QueueSpec spec, int workers);

    /** Events waiting to be popped: LLEN, or the consumer group's lag for streams. */
    long backlog(QueueSpec spec);

    /** Events popped but not acknowledged: processing lists' lengths, or XPENDING's count. */
    long pending(QueueSpec spec, int workers);

    @Override
    void close();
}
