package dev.callq.bench.fault;

import java.time.Duration;

/**
 * The workers a {@code consumer-crash} fault kills: the one thing a fault needs of the run's worker pool, so
 * that this package stays below the run that owns the pool.
 */
public interface CrashableWorkers {
    /**
     * Makes {@code workers} workers die at their next pop, after the pop and before the work; waits (up to
     * {@code timeout}) until they have. Returns the events they held when they died.
     */
    long crash(int workers, Duration timeout);
}
