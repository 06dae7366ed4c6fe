package dev.callq.bench.driver;

import java.util.List;

/**
 * Pushes events into the queue (RPUSH, or XADD for streams), pipelined on one connection. Used by one thread at
 * a time; the replies of {@link #send} may be read on one other.
 */
public interface QueueProducer extends AutoCloseable {
    /**
     * Sends every payload in one pipelined round trip and waits for the replies: one multi-value RPUSH, or
     * one XADD per payload for streams (the accounting checks this against Redis's command statistics).
     */
    void push(List<String> payloads);

    /**
     * Writes the same commands as {@link #push} without waiting for their replies, which the returned push reads
     * later (see {@link SentPush}); never throws: a push that could not be written comes back failed. The
     * caller bounds how many sent pushes wait for their replies. This default waits for them here.
     */
    default SentPush send(List<String> payloads) {
        try {
            push(payloads);
            return SentPush.settled(payloads.size(), null);
        } catch (RuntimeException e) {
            return SentPush.settled(payloads.size(), e);
        }
    }

    @Override
    void close();
}
