package dev.callq.bench.driver;

import java.util.List;

/** Pushes events into the queue (RPUSH, or XADD for streams), pipelined on one connection. */
public interface QueueProducer extends AutoCloseable {
    /**
     * Sends every payload in one pipelined round trip and waits for the replies: one multi-value RPUSH, or
     * one XADD per payload for streams (the accounting checks this against Redis's command statistics).
     */
    void push(List<String> payloads);

    @Override
    void close();
}
