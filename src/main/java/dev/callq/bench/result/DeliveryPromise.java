package dev.callq.bench.result;

import dev.callq.bench.driver.QueuePattern;

/**
 * What a queue pattern promises about delivery when something fails, and whether a run kept it: the
 * one rule behind the guarantee table. {@code blpop} and {@code batch} are at-most-once: an event is
 * gone from Redis once popped, so a failure may lose the events in the workers' hands (one per worker,
 * a batch per worker) and never duplicates one. {@code reliable} and {@code stream} are at-least-once:
 * an event stays in Redis until acknowledged, so nothing may be lost, nor left undelivered in a dead
 * worker's processing list or pending entries once the run has drained; a re-delivered event may be a
 * duplicate.
 */
public enum DeliveryPromise {
    AT_MOST_ONCE("at-most-once: loses at most the in-flight events"),
    AT_LEAST_ONCE("at-least-once: loses 0, leaves 0 undelivered");

    private final String description;

    DeliveryPromise(String description) {
        this.description = description;
    }

    public static DeliveryPromise of(QueuePattern pattern) {
        return switch (pattern) {
            case BLPOP, BATCH -> AT_MOST_ONCE;
            case RELIABLE, STREAM -> AT_LEAST_ONCE;
        };
    }

    public String describe() {
        return description;
    }

    /**
     * @param leftInQueue   events still in Redis after the drain (list, processing lists, pending entries)
     * @param inFlightBound the most events the workers can hold at once: workers × events per pop
     */
    public boolean keptBy(long lost, long duplicates, long leftInQueue, long inFlightBound) {
        return switch (this) {
            case AT_MOST_ONCE -> lost <= inFlightBound && duplicates == 0;
            case AT_LEAST_ONCE -> lost == 0 && leftInQueue == 0;
        };
    }
}
