package dev.callq.bench.queueing;

import java.util.Locale;

/**
 * The pool cannot keep up: with c ≤ A workers the backlog grows without bound, so there is no
 * steady-state wait to report. Thrown instead of returning NaN or infinity, which would flow
 * silently into a report.
 */
public final class UnstableQueueException extends IllegalArgumentException {

    private final int workers;
    private final double offeredLoadErlangs;

    public UnstableQueueException(int workers, double offeredLoadErlangs) {
        super(String.format(Locale.ROOT,
                "unstable: %d workers cannot serve an offered load of %.3f Erlangs (need more than %.3f)",
                workers, offeredLoadErlangs, offeredLoadErlangs));
        this.workers = workers;
        this.offeredLoadErlangs = offeredLoadErlangs;
    }

    public int workers() {
        return workers;
    }

    public double offeredLoadErlangs() {
        return offeredLoadErlangs;
    }
}
