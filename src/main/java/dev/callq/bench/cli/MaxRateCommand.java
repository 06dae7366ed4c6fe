package dev.callq.bench.cli;


import dev.callq.bench.HarnessException;
import dev.callq.bench.driver.QueueDrivers;
import dev.callq.bench.plan.LatencySlo;
import dev.callq.bench.plan.MaxRateSearch;
import dev.callq.bench.plan.SustainedRateRule;
import dev.callq.bench.report.MaxRateHtml;
import dev.callq.bench.report.SummaryJson;
import dev.callq.bench.driver.QueuePattern;
import dev.callq.bench.run.LoadKind;
import dev.callq.bench.run.RunOptions;
import dev.callq.bench.work.ServiceTime;
import dev.callq.bench.work.Work;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code callq max-rate}: the highest synthetic rate one client, pattern and pool sustain (see
 * {@link SustainedRateRule}), found by {@link MaxRateSearch}, each probe a fresh JVM kept in
 * {@code <out>/probes/<n>} and listed in {@code <out>/max-rate.json}.
 */
@Command(name = "max-rate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Finds the highest offered rate (synthetic load) at which the backlog stays bounded, the "
                + "latency SLO holds, the producer keeps its schedule and every event is accounted for.")
public final class MaxRateCommand implements Callable<Integer> {
    static final String FILE_NAME = "max-rate.json";

    @Option(names = "--client", required = true, completionCandidates = QueueDrivers.Names.class,
            description = "one of ${COMPLETION-CANDIDATES}")
    String client;

    @Option(names = "--pattern", defaultValue = "blpop", description = "blpop, reliable, batch or stream (default: ${DEFAULT-VALUE})")
    String pattern;

    @Option(names = "--workers", required = true, description = "consumer threads")
    int workers;

    @Option(names = "--slo", required = true, description = "latency objective on enqueue→dequeue, e.g. p99=20ms")
    String slo;

    @Option(names = "--service-time", defaultValue = "none", description = "work per event, e.g. exp:3ms (default: ${DEFAULT-VALUE})")
    String serviceTime;

    @Option(names = "--work", defaultValue = "sleep", description = "sleep or spin (default: ${DEFAULT-VALUE})")
    String workMode;

    @Option(names = "--start-rate", defaultValue = "1000", description = "first rate probed, events/s (default: ${DEFAULT-VALUE})")
    long startRatePerSec;

    @Option(names = "--max-rate", defaultValue = "200000", description = "highest rate probed, events/s (default: ${DEFAULT-VALUE})")
    long maxRatePerSec;

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

    @Option(names = "--out", description = "folder for the probes and max-rate.json (default: results/max-rate-<client>-<time>)")
    Path outDir;

    /** The contents of {@code max-rate.json}. */
    record Report(int schema, String client, String pattern, int workers, String serviceTime, String slo,
                  String rule, MaxRateSearch.Settings search, Long maxRatePerSec, Boolean converged, String outcome,
                  List<MaxRateSearch.Step> steps, List<ForkedRateProbe.Evidence> probes) {
    }

    @Override
    public Integer call() {
        LatencySlo latencySlo = LatencySlo.parse(slo);
        MaxRateSearch.Settings settings = new MaxRateSearch.Settings(startRatePerSec, 2, precision, confirmations,
                Math.min(10, startRatePerSec), maxRatePerSec, maxProbes);
        RunOptions fixedOptions = fixedOptions();
        ForkedRateProbe.atRate(fixedOptions, startRatePerSec).toConfig(Path.of("unused"));
        Path dir = outDir != null ? outDir : ResultsFolders.timestamped("max-rate-" + client);
        List<ForkedRateProbe.Evidence> soFar = new ArrayList<>();
        ForkedRateProbe probe = new ForkedRateProbe(fixedOptions, dir, probeTimeout(),
                new SustainedRateRule(latencySlo), evidence -> {
                    soFar.add(evidence);
                    System.out.println(progressLine(evidence));
                    write(dir, report(latencySlo, settings, null, soFar));
                });
        MaxRateSearch.Result result = new MaxRateSearch(settings).run(probe);
        write(dir, report(latencySlo, settings, result, probe.evidence()));
        System.out.println((result.converged() ? "max sustainable rate: " + result.maxRatePerSec() + " events/s ("
                : "NOT CONVERGED (") + result.outcome() + ")");
        System.out.println("results: " + dir.resolve(FILE_NAME));
        System.out.println("report: " + MaxRateHtml.write(dir));
        return result.converged() && result.maxRatePerSec() > 0 ? 0 : Main.EXIT_UNTRUSTWORTHY;
    }

    /** Every probe's options but the rate; checked, with the first rate, before the first fork. */
    private RunOptions fixedOptions() {
        return RunOptions.builder().client(QueueDrivers.requireOne(client, "--client")).load(LoadKind.SYNTHETIC)
                .pattern(RunOptions.parseEnum(QueuePattern.class, pattern, "--pattern")).workers(workers)
                .serviceTime(ServiceTime.parse(serviceTime))
                .workMode(RunOptions.parseEnum(Work.Mode.class, workMode, "--work"))
                .warmupSeconds(warmupSeconds).durationSeconds(durationSeconds)
                .drainTimeoutSeconds(drainTimeoutSeconds).build();
    }

    private Duration probeTimeout() {
        return Duration.ofMillis(Math.round((90 + warmupSeconds + durationSeconds + 2.0 * drainTimeoutSeconds) * 1000));
    }

    private Report report(LatencySlo latencySlo, MaxRateSearch.Settings settings, MaxRateSearch.Result result,
                          List<ForkedRateProbe.Evidence> probes) {
        String rule = "passes when accounting is balanced, the producer kept its schedule, " + latencySlo
                + " on enqueue→dequeue, the backlog's least-squares slope over the measured seconds ≤ "
                + SustainedRateRule.MAX_GROWTH_FRACTION + " × rate per second, and the last measured backlog ≤ rate × max("
                + SustainedRateRule.MAX_FINAL_BACKLOG_SECONDS + " s, SLO bound)";
        return new Report(1, client, pattern, workers, serviceTime, latencySlo.toString(), rule, settings,
                result == null ? null : result.maxRatePerSec(), result == null ? null : result.converged(),
                result == null ? "running" : result.outcome(), result == null ? List.of() : result.steps(), probes);
    }

    private static String progressLine(ForkedRateProbe.Evidence e) {
        String numbers = e.sloMeasuredMicros() == null ? "" : String.format(Locale.ROOT,
                " %.0f ev/s, SLO percentile %.2f ms, backlog slope %.0f/s, final %d;", e.throughputPerSec(),
                e.sloMeasuredMicros() / 1000.0, e.backlogSlopePerSec(), e.finalBacklog());
        return String.format(Locale.ROOT, "probe %d at %d/s:%s %s", e.number(), e.ratePerSec(), numbers,
                e.passed() ? "PASS" : "FAIL (" + e.reason() + ")");
    }

    private static void write(Path dir, Report report) {
        try {
            Files.createDirectories(dir);
            SummaryJson.mapper().writeValue(dir.resolve(FILE_NAME).toFile(), report);
        } catch (IOException e) {
            throw new HarnessException("cannot write " + dir.resolve(FILE_NAME) + ": " + e.getMessage(), e);
        }
    }
}
