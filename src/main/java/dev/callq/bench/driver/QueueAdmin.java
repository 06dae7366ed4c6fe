package dev.callq.bench.driver;

import java.util.List;
import java.util.Map;

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

    /**
     * The payloads still in Redis, read back: the list and the processing lists, or the stream's entries
     * never delivered and those pending. For naming what a run left, after the drain, not while it runs.
     */
    List<String> remaining(QueueSpec spec, int workers);

    /** INFO commandstats: calls per command (lower case, e.g. rpush), since start or CONFIG RESETSTAT. */
    Map<String, Long> commandCalls();

    /** INFO server's run_id: it changes when the server restarts, and its command statistics with it. */
    String serverRunId();

    @Override
    void close();
}
