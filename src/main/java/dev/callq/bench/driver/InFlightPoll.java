package dev.callq.bench.driver;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;

/**
 * Lets a consumer close without losing an event. Closing the socket under a blocked pop can
 * lose an element: the server may already have popped it into the reply that nobody reads
 * (the failure mode behind lettuce issues 1179, 2354, 2394). So {@link #closeThen(Runnable)}
 * first waits for the pop in flight, which the server ends within the pop timeout, and only
 * then closes the connection.
 */
public final class InFlightPoll {
    private final ReentrantLock inFlight = new ReentrantLock();
    private final long closeWaitNanos;
    private final AtomicBoolean connectionClosed = new AtomicBoolean();
    private volatile boolean closed;

    /** @param closeWait how long close waits for a pop in flight (pop timeout plus the sink's work) */
    public InFlightPoll(Duration closeWait) {
        this.closeWaitNanos = closeWait.toNanos();
    }

    /**
     * Runs one pop unless the consumer is closed; returns 0 at once after close, so a worker
     * loop that checks its stop flag between polls ends cleanly.
     */
    public int run(IntSupplier popOnce) {
        if (closed) {
            return 0;
        }
        inFlight.lock();
        try {
            return closed ? 0 : popOnce.getAsInt();
        } finally {
            inFlight.unlock();
        }
    }

    /**
     * Stops new pops, waits (bounded) for the one in flight, then runs {@code closeConnection}.
     * When the wait runs out (a sink that never returns) the connection is closed anyway.
     * Idempotent: a second close waits the same way but closes nothing (Lettuce warns on a
     * second close of a connection).
     */
    public void closeThen(Runnable closeConnection) {
        closed = true;
        boolean idle = false;
        try {
            idle = inFlight.tryLock(closeWaitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (connectionClosed.compareAndSet(false, true)) {
                closeConnection.run();
            }
        } finally {
            if (idle) {
                inFlight.unlock();
            }
        }
    }
}
