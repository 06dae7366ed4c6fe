package dev.callq.bench.maxrate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One max-rate search: what every probe runs (one client, pattern and pool under synthetic load),
 * the rule a probe is judged by, and the search's bounds.
 *
 * @param serviceTime          work per event, as {@code callq run --service-time} takes it
 * @param workMode             {@code sleep} or {@code spin}
 * @param warmupSeconds        warm-up of each probe
 * @param durationSeconds      measured seconds of each probe
 * @param drainTimeoutSeconds  the most each probe may spend draining
 * @param outDir               where {@code max-rate.json} and {@code probes/<n>} go
 */
public record MaxRateSettings(String client, String pattern, int workers, String serviceTime, String workMode,
                              SustainedRateRule rule, MaxRateSearch.Settings search, double warmupSeconds,
                              double durationSeconds, long drainTimeoutSeconds, Path outDir) {

    /** The {@code callq run} arguments every probe shares; {@link ForkedRateProbe} adds the rate. */
    public List<String> fixedRunArgs() {
        return List.of("--client", client, "--load", "synthetic", "--pattern", pattern,
                "--workers", Integer.toString(workers), "--service-time", serviceTime, "--work", workMode,
                "--warmup", Double.toString(warmupSeconds), "--duration", Double.toString(durationSeconds),
                "--drain-timeout", Long.toString(drainTimeoutSeconds));
    }

    /** A probe that outlives its phases by 90 s, start-up and drains included, is stopped and failed. */
    public Duration probeTimeout() {
        return Duration.ofMillis(Math.round((90 + warmupSeconds + durationSeconds + 2.0 * drainTimeoutSeconds) * 1000));
    }
}
