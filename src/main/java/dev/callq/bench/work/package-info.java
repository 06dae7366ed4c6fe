/**
 * The simulated per-event work of a worker: a {@link dev.callq.bench.work.ServiceTime} distribution
 * parsed from a spec such as {@code lognormal:3ms,1.5}, and {@link dev.callq.bench.work.Work},
 * which spends a sampled duration spinning or sleeping; {@link dev.callq.bench.work.RandomDraws}, the seed a
 * run's random work and Poisson arrivals are drawn from. Measuring the work belongs to {@code measure},
 * the workers that do it to {@code run}. Lowest layer, beside {@code event}, {@code measure} and
 * {@code queueing}.
 */
package dev.callq.bench.work;
