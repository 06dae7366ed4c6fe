/**
 * Queueing maths, pure functions of numbers: the queue wait of a worker pool under Poisson arrivals
 * ({@link dev.callq.bench.queueing.WaitModel}, {@link dev.callq.bench.queueing.ErlangC},
 * {@link dev.callq.bench.queueing.AllenCunneen}), the pool size that meets a wait target, and where
 * adding workers stops paying ({@link dev.callq.bench.queueing.UslFit}). Times are in microseconds,
 * rates per second, loads in Erlangs; the wait is enqueue → dequeue, without the service time.
 *
 * <p>Nothing here runs, reads or writes anything: measurement and forked runs belong to
 * {@code plan} and {@code maxrate}. Lowest layer, beside {@code event}, {@code work} and {@code measure}.
 */
package dev.callq.bench.queueing;
