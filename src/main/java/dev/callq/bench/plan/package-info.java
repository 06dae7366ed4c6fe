/**
 * Capacity planning from models, checked against measurement: how many workers a pool needs
 * ({@link dev.callq.bench.plan.WaitModel}, {@link dev.callq.bench.plan.ErlangC},
 * {@link dev.callq.bench.plan.AllenCunneen}) and where adding workers stops paying
 * ({@link dev.callq.bench.plan.UslFit}).
 *
 * <p>The latency target throughout is a percentile of the <b>queue wait</b>, enqueue → dequeue,
 * the SLO this project measures. Service time is not part of it. Times are in microseconds, rates
 * per second, loads in Erlangs.
 */
package dev.callq.bench.plan;
