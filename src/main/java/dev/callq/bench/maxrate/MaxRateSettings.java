package dev.callq.bench.maxrate;

import dev.callq.bench.driver.QueueDrivers;
import dev.callq.bench.driver.QueuePattern;
import dev.callq.bench.run.LoadKind;
import dev.callq.bench.run.RunOptions;
import dev.callq.bench.work.ServiceTime;
import dev.callq.bench.work.Work;

import java.nio.file.Path;
import java.time.Duration;

/**
 * One max-rate search: what every probe runs (one client, pattern and pool under synthetic or SIP load),
 * the rule a probe is judged by, and the search's bounds.
 *
 * @param serviceTime          work per event, as {@code callq run --service-time} takes it
 * @param workMode             {@code sleep} or {@code spin}
 * @param warmupSeconds        warm-up of each probe
 * @param durationSeconds      measured seconds of each probe
 * @param drainTimeoutSeconds  the most each probe may spend draining
 * @param outDir               where {@code max-rate.json} and {@code probes/<n>} go
 * @param load                 synthetic (rates in events/s) or SIP (calls/s through SIPp, Kamailio and Redis)
 */
public record MaxRateSettings(String client, String pattern, int workers, String serviceTime, String workMode,
                              SustainedRateRule rule, MaxRateSearch.Settings search, double warmupSeconds,
                              double durationSeconds, long drainTimeoutSeconds, Path outDir,
                              LoadKind load) {

    /** The options every probe shares; {@link ForkedRateProbe} adds the rate. */
    public RunOptions fixedOptions() {
        return RunOptions.builder().client(QueueDrivers.requireOne(client, "--client")).load(load)
                .pattern(RunOptions.parseEnum(QueuePattern.class, pattern, "--pattern")).workers(workers)
                .serviceTime(ServiceTime.parse(serviceTime))
                .workMode(RunOptions.parseEnum(Work.Mode.class, workMode, "--work"))
                .warmupSeconds(warmupSeconds).durationSeconds(durationSeconds)
                .drainTimeoutSeconds(drainTimeoutSeconds).build();
    }

    /** Checks the first probe's options as {@code callq run} will check each, before the first fork. */
    public void validate() {
        ForkedRateProbe.atRate(fixedOptions(), search.startRatePerSec()).toConfig(outDir);
    }

    /** A probe that outlives its phases by 90 s, start-up and drains included, is stopped and failed. */
    public Duration probeTimeout() {
        return Duration.ofMillis(Math.round((90 + warmupSeconds + durationSeconds + 2.0 * drainTimeoutSeconds) * 1000));
    }
}
