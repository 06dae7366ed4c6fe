package dev.callq.bench.plan;

/**
 * One forked run the plan rests on, kept so every figure can be traced to its results folder.
 *
 * @param purpose           {@code saturated}, {@code redisCeiling} or {@code validation}
 * @param offeredRatePerSec what the synthetic producer was asked for
 * @param exitCode          the run's exit code: 0 trustworthy, 3 numbers to read with its warnings
 * @param dir               the run's results folder
 * @param jvmCpuMsPer1k     the consumer JVM's CPU (user + system) per 1,000 events; null when not recorded
 */
public record RunEvidence(String purpose, int workers, double offeredRatePerSec, double throughputPerSec,
                          int exitCode, String dir, Double jvmCpuMsPer1k) {
    public RunEvidence(String purpose, int workers, double offeredRatePerSec, double throughputPerSec,
                       int exitCode, String dir) {
        this(purpose, workers, offeredRatePerSec, throughputPerSec, exitCode, dir, null);
    }
}
