package dev.callq.bench.load;

import java.util.Map;

/**
 * What puts events into the queue: SIPp through Kamailio, or the synthetic producer. A load runs a
 * warm-up phase whose events carry the {@code warmup-} Call-ID prefix, then the measured phase.
 */
public interface Load extends AutoCloseable {
    /** Sends the warm-up events; returns once they are all in the queue. */
    void warmUp();

    /** Runs the measured phase to its end; every event it expects is in the queue on return. */
    LoadOutcome measure();

    /** Versions and settings of what this load runs, for the results' environment section. */
    Map<String, String> describe();

    @Override
    void close();
}
