package dev.callq.bench.load;

import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

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

    /**
     * Ends the measured phase early, from another thread (a part of the run died, or callq is stopping):
     * {@link #measure} returns soon after with what was done so far. Safe to call more than once.
     */
    default void stop() {
    }

    /**
     * The processes this load started and keeps running through the measured phase, by name, each with
     * whether it still runs (or, for one that ends by itself, ended as it should): the run's watchdog checks
     * them. None for a load that starts none.
     */
    default Map<String, BooleanSupplier> processes() {
        return Map.of();
    }

    @Override
    void close();
}
