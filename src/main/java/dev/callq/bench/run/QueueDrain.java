package dev.callq.bench.run;

import dev.callq.bench.driver.QueueAdmin;
import dev.callq.bench.driver.QueueSpec;
import dev.callq.bench.measure.EventLedger;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The drain rule of every consume phase, a local run's and a consumer shard's alike: wait (bounded) until
 * the queue and the workers are idle: an empty list, nothing pending, nothing in a worker's hands, and no
 * payload taken over one more poll (a popped payload is briefly in neither place). Redis may fail to answer
 * for a while (a pause, a restart); only when it never answers again before the timeout is that the reason.
 */
public final class QueueDrain {
    /** How a drain that ended on a Redis that stopped answering says so. */
    public static final String REDIS_SILENT = "Redis stopped answering";
    private static final Duration POLL = Duration.ofMillis(50);

    private final QueueAdmin admin;
    private final QueueSpec spec;
    /** Every worker of the run, for the pending lists of all of them (a shard's share or not). */
    private final int workers;
    private final EventHandler handler;
    private final EventLedger ledger;
    private final Duration timeout;

    public QueueDrain(QueueAdmin admin, QueueSpec spec, int workers, EventHandler handler, EventLedger ledger,
               Duration timeout) {
        this.admin = admin;
        this.spec = spec;
        this.workers = workers;
        this.handler = handler;
        this.ledger = ledger;
        this.timeout = timeout;
    }

    /**
     * @param givenUp true once Redis cannot be asked any more (a watchdog's finding, callq stopping): stop waiting
     * @return null once drained (or given up); else why not, starting {@link #REDIS_SILENT} when Redis stopped
     *         answering
     */
    public String await(BooleanSupplier givenUp) {
        long deadlineNanos = System.nanoTime() + timeout.toNanos();
        long takenBefore = -1;
        RuntimeException unanswered = null;
        while (System.nanoTime() < deadlineNanos) {
            if (givenUp.getAsBoolean()) {
                return null;
            }
            long taken = ledger.totalTaken();
            boolean idle;
            try {
                idle = admin.backlog(spec) == 0 && admin.pending(spec, workers) == 0 && handler.inFlight() == 0;
                unanswered = null;
            } catch (RuntimeException e) {
                unanswered = e;
                idle = false;
            }
            if (idle && taken == takenBefore) {
                return null;
            }
            takenBefore = idle ? taken : -1;
            pause();
        }
        if (unanswered != null) {
            return RunFailure.describe(unanswered, REDIS_SILENT + " while the queue drained");
        }
        return "the queue did not drain within " + timeout.toSeconds() + " s";
    }

    /** True when {@code notDrained} (what {@link #await} returned) says Redis stopped answering. */
    public static boolean redisSilent(String notDrained) {
        return notDrained != null && notDrained.startsWith(REDIS_SILENT);
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the queue drained", e);
        }
    }
}
