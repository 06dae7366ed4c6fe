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
}
