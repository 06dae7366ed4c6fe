package dev.callq.bench.plan;

/**
 * One pool size run at the target rate with Poisson arrivals, the model's figures beside the measured
 * ones. The measured wait is enqueue → dequeue as the harness records it, so it includes the pop round
 * trip that the model counts in the holding time instead.
 *
 * @param repeat                  which run of this pool size, from 1
 * @param predictedP99Micros      the model's p99 queue wait; null when c ≤ A (no steady state)
 * @param measuredP99Micros       p99 enqueue → dequeue from the run's .hlog
 * @param predictedSloWaitMicros  the model's wait at the objective's percentile; null when c ≤ A
 * @param measuredSloWaitMicros   the measured wait at the objective's percentile
 * @param sloMet                  measured wait at the objective's percentile ≤ its target
 * @param predictedSloMet         what the model said about the same
 * @param producerLagP99Micros    how late the producer pushed (already inside the measured wait)
 * @param loadAverage             the machine's 1-minute load average when the run ended
 */
public record ValidationRun(int workers, int repeat, Double predictedP99Micros, long measuredP99Micros,
                            Double predictedSloWaitMicros, long measuredSloWaitMicros, boolean sloMet,
                            boolean predictedSloMet, double measuredMeanWaitMicros, Double predictedMeanWaitMicros,
                            long producerLagP99Micros, double loadAverage, double throughputPerSec, int exitCode, String dir) {
}
