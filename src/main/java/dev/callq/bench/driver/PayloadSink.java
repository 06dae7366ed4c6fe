package dev.callq.bench.driver;

import java.util.List;

/**
 * Where a consumer hands what one pop returned. The framework reads the clock on entry (the
 * dequeue time of every payload in the list) and does all measuring and the simulated work
 * before returning; only then does the driver acknowledge the events (LREM, XACK).
 */
@FunctionalInterface
public interface PayloadSink {
    void accept(List<String> payloads);

    /**
     * As {@link #accept(List)}, also told when the pop's reply reached the client's socket
     * ({@link ReplyStamp#NONE} when unknown), so the framework can tell the client's share of the latency.
     */
    default void accept(List<String> payloads, long replyArrivedMicros) {
        accept(payloads);
    }
}
