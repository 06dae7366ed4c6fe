package dev.callq.bench.cli;

import dev.callq.bench.ExitCode;
import dev.callq.bench.driver.QueueDrivers;
import dev.callq.bench.maxrate.ForkedMaxRateSearch;
import dev.callq.bench.maxrate.MaxRateJson;
import dev.callq.bench.maxrate.MaxRateSearch;
import dev.callq.bench.maxrate.MaxRateSettings;
import dev.callq.bench.maxrate.SustainedRateRule;
import dev.callq.bench.measure.Slo;
import dev.callq.bench.report.MaxRateHtml;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import dev.callq.bench.load.LoadKind;
import dev.callq.bench.options.RunDefaults;
import dev.callq.bench.options.RunOptions;
import dev.callq.bench.sip.EnqueuedEvents;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code callq max-rate}: reads the options into {@link MaxRateSettings} and runs
 * {@link ForkedMaxRateSearch}: the highest synthetic rate one client, pattern and pool sustain (see
 * {@link SustainedRateRule}), each probe a fresh JVM kept in {@code <out>/probes/<n>} and listed in
 * {@code <out>/max-rate.json}.
 */
@Command(name = "max-rate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Finds the highest offered rate at which the backlog stays bounded, the latency SLO holds, "
                + "the producer keeps its schedule and every event is accounted for: events/s of synthetic load, or "
                + "calls/s through SIPp, Kamailio and Redis (--load sip, where every call must also succeed).")
public final class MaxRateCommand implements Callable<Integer> {
    private static final long SYNTHETIC_START_RATE_PER_SEC = 1000;
    private static final long SYNTHETIC_MAX_RATE_PER_SEC = 200_000;

    @Option(names = "--client", required = true, completionCandidates = QueueDrivers.Names.class,
            description = "one of ${COMPLETION-CANDIDATES}")
    String client;

    @Option(names = "--pattern", defaultValue = RunDefaults.PATTERN_NAME, description = "blpop, reliable, batch or stream (default: ${DEFAULT-VALUE})")
    String pattern;

    @Option(names = "--workers", required = true, description = "consumer threads")
    int workers;

    @Option(names = "--slo", required = true, description = "queue-wait objective, " + Slo.HELP + "; the percentile one of p50, p90, p99, p99.9, p99.99")
    String slo;

    @Option(names = "--service-time", defaultValue = RunDefaults.SERVICE_TIME_SPEC, description = "work per event, e.g. exp:3ms (default: ${DEFAULT-VALUE})")
    String serviceTime;

    @Option(names = "--work", defaultValue = RunDefaults.WORK_MODE_NAME, description = "sleep or spin (default: ${DEFAULT-VALUE})")
    String workMode;

    @Option(names = "--start-rate", description = "first rate probed, events/s (synthetic, default: "
            + SYNTHETIC_START_RATE_PER_SEC + ") or calls/s (sip, default: " + MaxRateSettings.SIP_START_RATE_PER_SEC + ")")
    Long startRatePerSec;

    @Option(names = "--max-rate", description = "highest rate probed, events/s (synthetic, default: "
            + SYNTHETIC_MAX_RATE_PER_SEC + ") or calls/s (sip, default: " + MaxRateSettings.SIP_MAX_RATE_PER_SEC
            + ", about what SIPp sustains on 2 cores)")
    Long maxRatePerSec;

    @Option(names = "--precision", defaultValue = "0.05", description = "relative precision of the answer (default: ${DEFAULT-VALUE})")
    double precision;

    @Option(names = "--confirmations", defaultValue = "2", description = "extra passes the answer needs (default: ${DEFAULT-VALUE})")
    int confirmations;

    @Option(names = "--max-probes", defaultValue = "30", description = "most probes the search may run (default: ${DEFAULT-VALUE})")
    int maxProbes;

    /**
     * The first measured second's p99 runs several times the later seconds' (seen after 0.5 s and 2 s
     * warm-ups alike), and in a short probe it weighs heavily on the verdict: lengthen --duration rather
     * than the warm-up to dilute it.
     */
    @Option(names = "--warmup", defaultValue = "1", description = "seconds of warm-up per probe (default: ${DEFAULT-VALUE})")
    double warmupSeconds;

    @Option(names = "--duration", defaultValue = "5", description = "measured seconds per probe (default: ${DEFAULT-VALUE})")
    double durationSeconds;

    @Option(names = "--drain-timeout", defaultValue = "30", description = "drain bound per probe, seconds (default: ${DEFAULT-VALUE})")
    long drainTimeoutSeconds;

    @Option(names = "--load", defaultValue = "synthetic", description = "synthetic (events/s into Redis) or sip "
            + "(calls/s through SIPp, Kamailio and Redis; a probe also fails on any failed call) (default: ${DEFAULT-VALUE})")
    String load;

    @Option(names = "--events", description = "with --load sip: invite or invite,bye, the requests each call "
            + "pushes an event for; the answer says how many events/s its calls/s mean (default: invite,bye)")
    String events;

    @Option(names = "--out", description = "folder for the probes and max-rate.json (default: results/max-rate-<client>-<time>)")
    Path outDir;

    @Override
    public Integer call() {
        MaxRateSettings settings = toSettings();
        MaxRateJson result = ForkedMaxRateSearch.run(settings, System.out);
        boolean found = result.converged() && result.maxRatePerSec() > 0;
        System.out.println(result.answer());
        if (result.sessionEstablishmentRate() != null) {
            result.sessionEstablishmentRate().lines().forEach(System.out::println);
        }
        System.out.println("results: " + settings.outDir().resolve(MaxRateJson.FILE_NAME));
        System.out.println("report: " + MaxRateHtml.write(settings.outDir()));
        return found ? ExitCode.OK : ExitCode.UNTRUSTWORTHY;
    }

    /** The search the options ask for, checked as {@code callq run} will check each probe, before the first fork. */
    MaxRateSettings toSettings() {
        LoadKind loadKind = RunOptions.parseEnum(LoadKind.class, load, "--load");
        boolean sip = loadKind == LoadKind.SIP;
        long start = startRatePerSec != null ? startRatePerSec
                : sip ? MaxRateSettings.SIP_START_RATE_PER_SEC : SYNTHETIC_START_RATE_PER_SEC;
        long max = maxRatePerSec != null ? maxRatePerSec
                : sip ? MaxRateSettings.SIP_MAX_RATE_PER_SEC : SYNTHETIC_MAX_RATE_PER_SEC;
        MaxRateSearch.Settings search = new MaxRateSearch.Settings(start, 2, precision, confirmations,
                Math.min(10, start), max, maxProbes);
        MaxRateSettings settings = new MaxRateSettings(client, pattern, workers, serviceTime, workMode,
                new SustainedRateRule(Slo.parse(slo)), search, warmupSeconds, durationSeconds, drainTimeoutSeconds,
                outDir != null ? outDir : DefaultOutDir.timestamped("max-rate-" + client), loadKind,
                events == null ? null : EnqueuedEvents.parse(events));
        settings.validate();
        return settings;
    }
}
