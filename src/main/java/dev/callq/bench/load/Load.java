package dev.callq.bench.load;

import java.time.Duration;
import java.util.Map;

/**
 * What puts events into the queue: SIPp through Kamailio, or the synthetic producer. A load runs a
 * warm-up (one or more slices, whose events carry a Call-ID prefix starting {@code warmup-}), then the
 * measured phase.
 */
public interface Load extends AutoCloseable {
    /** Sends one slice of warm-up load; returns once its events are all in the queue. */
    void warmUp(Duration length, String callIdPrefix);

    /** Runs the measured phase to its end; every event it expects is in the queue on return. */
    LoadOutcome measure();

    /** Versions and settings of what this load runs, for the results' environment section. */
    Map<String, String> describe();

    /**
     * Stops the load's Kamailio and starts it again on the same port (a kamailio-restart fault).
     *
     * @return false when this load has no Kamailio
     */
    default boolean restartKamailio() {
        return false;
    }

    @Override
    void close();
}
