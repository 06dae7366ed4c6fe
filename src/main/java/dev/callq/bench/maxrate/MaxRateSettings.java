package dev.callq.bench.maxrate;

import dev.callq.bench.driver.QueueDrivers;
import dev.callq.bench.event.PayloadFormat;
import dev.callq.bench.driver.QueuePattern;
import dev.callq.bench.load.LoadKind;
import dev.callq.bench.options.RunOptions;
import dev.callq.bench.sip.EnqueuedEvents;
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
 * @param events               under SIP load, the requests each call pushes an event for ({@code --events});
 *                             null for synthetic load, or for the bundled script's default
 */
public record MaxRateSettings(String client, String pattern, int workers, String serviceTime, String workMode,
                              SustainedRateRule rule, MaxRateSearch.Settings search, double warmupSeconds,
                              double durationSeconds, long drainTimeoutSeconds, Path outDir,
                              LoadKind load, EnqueuedEvents events) {
    /**
     * The highest SIP rate a search probes unless told otherwise. SIPp on a 2-core machine tops out at a few
     * thousand calls/s (measured: 3,000 calls/s clean with 512 MB of Kamailio shared memory, 4,000 not), so
     * above this the load generator, not the queue, would be what a probe finds.
     */
    public static final long SIP_MAX_RATE_PER_SEC = 3000;
    /** The first SIP rate probed unless told otherwise, calls/s. */
    public static final long SIP_START_RATE_PER_SEC = 100;

    public MaxRateSettings {
        if (events != null && load != LoadKind.SIP) {
            throw new IllegalArgumentException("--events needs --load sip: a synthetic probe pushes events, not calls");
        }
    }

    /** The unit of every rate the search probes: calls/s under SIP load, events/s under synthetic load. */
    public String rateUnit() {
        return load == LoadKind.SIP ? "calls/s" : "events/s";
    }

    /** Events one unit of the rate puts into the queue: the events each call pushes under SIP load, else 1. */
    public int eventsPerRateUnit() {
        return load == LoadKind.SIP ? sipEvents().perCall() : 1;
    }

    /** {@code invite} or {@code invite,bye}: what each call of a SIP probe pushes, as {@code --events} spells it. */
    String sipEventsName() {
        return sipEvents().cliName();
    }

    /** The events a probe's calls push: as given, or what the bundled script pushes for the JSON payload probes send. */
    private EnqueuedEvents sipEvents() {
        return events != null ? events : EnqueuedEvents.defaultFor(PayloadFormat.JSON);
    }

    /** The options every probe shares; {@link ForkedRateProbe} adds the rate. */
    public RunOptions fixedOptions() {
        RunOptions options = RunOptions.defaults();
        options.client = QueueDrivers.requireOne(client, "--client");
        options.load = load;
        options.pattern = RunOptions.parseEnum(QueuePattern.class, pattern, "--pattern");
        options.workers = workers;
        options.serviceTime = ServiceTime.parse(serviceTime);
        options.workMode = RunOptions.parseEnum(Work.Mode.class, workMode, "--work");
        options.warmupSeconds = warmupSeconds;
        options.durationSeconds = durationSeconds;
        options.drainTimeoutSeconds = drainTimeoutSeconds;
        options.events = events;
        return options;
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
