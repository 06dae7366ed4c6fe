package dev.callq.bench.cli;

import dev.callq.bench.ExitCode;
import dev.callq.bench.driver.QueueDrivers;
import dev.callq.bench.measure.Slo;
import dev.callq.bench.plan.CapacityPlanner;
import dev.callq.bench.plan.ClientMeasurement;
import dev.callq.bench.plan.ClientPlan;
import dev.callq.bench.plan.PlanJson;
import dev.callq.bench.plan.PlanOutcome;
import dev.callq.bench.plan.PlanReport;
import dev.callq.bench.plan.PlanSettings;
import dev.callq.bench.plan.SaturationSweep;
import dev.callq.bench.plan.Validation;
import dev.callq.bench.plan.ValidationRun;
import dev.callq.bench.plan.WorkerCountInterval;
import dev.callq.bench.report.PlanHtml;
import dev.callq.bench.load.LoadKind;
import dev.callq.bench.netem.RoundTrip;
import dev.callq.bench.options.RunConfig;
import dev.callq.bench.options.RunDefaults;
import dev.callq.bench.options.RunOptions;
import dev.callq.bench.work.ServiceTime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code callq plan}: how many workers, with which client, for a rate and a queue-wait objective.
 * Measures each client in forked synthetic runs, sizes the pool with Erlang C with an interval from
 * resampling what it measured, and (unless {@code --no-validate}) runs one worker fewer, the
 * recommendation and one more, {@code --repeats} times each, at the target rate.
 */
@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Sizes the worker pool for a rate and a queue-wait objective, from measurement (Erlang C, USL).",
                "Exit codes: 0 a plan; 2 bad input; 3 no pool can meet the objective at that rate (Redis ceiling, "
                        + "USL peak): the worker count printed is then not a plan."})
public final class PlanCommand implements Callable<Integer> {
    @Option(names = "--rate", required = true, description = "target events/s")
    double ratePerSec;

    @Option(names = "--slo", required = true, description = "queue-wait objective, " + Slo.HELP)
    String slo;

    @Option(names = "--service-time", required = true, description = "work per event: fixed:3ms, exp:3ms, lognormal:3ms,1.5")
    String serviceTime;

    @Option(names = "--client", defaultValue = RunDefaults.CLIENT, completionCandidates = QueueDrivers.Names.class,
            description = "${COMPLETION-CANDIDATES}, or all of them (also: both) (default: ${DEFAULT-VALUE})")
    String client;

    @Option(names = "--validate", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "run N − 1, N and N + 1 workers at the target rate, --repeats times each; --no-validate "
                    + "gives the model's answer alone (default: ${DEFAULT-VALUE})")
    boolean validate;

    @Option(names = "--repeats", defaultValue = "3",
            description = "validation runs at each of N − 1, N and N + 1 (default: ${DEFAULT-VALUE})")
    int validationRepeats;

    @Option(names = "--load", defaultValue = "synthetic",
            description = "where the events will come from: synthetic, or sip (Kamailio's ndb_redis pushes them, so the "
                    + "plan also sizes Kamailio's SIP workers for the push rate); the runs are synthetic either way "
                    + "(default: ${DEFAULT-VALUE})")
    String load;

    @Option(names = "--sweep-repeats", defaultValue = "1",
            description = "saturated runs at each worker count; 2 or more lets the intervals resample the repeats "
                    + "themselves (default: ${DEFAULT-VALUE})")
    int sweepRepeats;

    @Option(names = "--out", description = "results folder (default: results/plan-<time>)")
    Path outDir;

    @Option(names = "--sweep-workers", defaultValue = "1,2,4,8,16", split = ",",
            description = "worker counts of the saturated runs; the smallest gives the holding time (default: ${DEFAULT-VALUE})")
    List<Integer> sweepWorkerCounts;

    @Option(names = "--sweep-seconds", defaultValue = "3", description = "measured seconds of each saturated run (default: ${DEFAULT-VALUE})")
    double sweepSeconds;

    @Option(names = "--sweep-warmup", defaultValue = "1", description = "warm-up seconds of each saturated run (default: ${DEFAULT-VALUE})")
    double sweepWarmupSeconds;

    @Option(names = "--overload", defaultValue = "1.5",
            description = "saturated offered rate as a multiple of N / mean work (default: ${DEFAULT-VALUE})")
    double overload;

    @Option(names = "--ceiling-workers", defaultValue = "16", description = "workers of the no-work Redis ceiling run (default: ${DEFAULT-VALUE})")
    int ceilingWorkers;

    @Option(names = "--ceiling-rate", defaultValue = "50000", description = "offered events/s of the Redis ceiling run (default: ${DEFAULT-VALUE})")
    double ceilingRatePerSec;

    @Option(names = "--ceiling-seconds", defaultValue = "2", description = "measured seconds of the Redis ceiling run (default: ${DEFAULT-VALUE})")
    double ceilingSeconds;

    @Option(names = "--validation-seconds", defaultValue = "5", description = "measured seconds of each validation run (default: ${DEFAULT-VALUE})")
    double validationSeconds;

    @Option(names = "--validation-warmup", defaultValue = "2", description = "warm-up seconds of each validation run (default: ${DEFAULT-VALUE})")
    double validationWarmupSeconds;

    @Option(names = "--redis-rtt", description = "round trip to add between every party and Redis in each run, "
            + "such as 0.5ms, or 0.5ms~0.2ms for 0.5 ms ± 0.2 ms, to size the pool for a real network (default: none, loopback)")
    String redisRtt;

    @Override
    public Integer call() {
        PlanSettings settings = toSettings();
        List<PlanOutcome> outcomes = new ArrayList<>();
        for (String name : settings.clients()) {
            System.out.println("measuring " + name + " (forked runs under " + settings.outDir().resolve("runs") + ")");
            ClientMeasurement measurement = new SaturationSweep(settings, System.out).measure(name);
            ClientPlan plan = CapacityPlanner.plan(name, settings.ratePerSec(), settings.slo(),
                    measurement.saturated(), measurement.holding(), measurement.redisCeilingPerSec());
            WorkerCountInterval interval = WorkerCountInterval.of(plan.recommendedWorkers(), settings.ratePerSec(),
                    settings.slo(), measurement.holdingSamples());
            System.out.println("  " + name + ": " + interval.headline() + " (model, before validation)");
            List<ValidationRun> validation = settings.validate()
                    ? new Validation(settings, System.out).validate(plan) : List.of();
            outcomes.add(new PlanOutcome(measurement, plan, interval, validation));
        }
        double loadAverage = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        int cpus = Runtime.getRuntime().availableProcessors();
        new PlanReport(settings, loadAverage, cpus).print(outcomes, System.out);
        System.out.println();
        System.out.println("plan: " + PlanJson.write(settings, outcomes, loadAverage, cpus));
        System.out.println("report: " + PlanHtml.write(settings.outDir()));
        Optional<String> notAPlan = ClientPlan.notAPlan(outcomes.stream().map(PlanOutcome::plan).toList());
        notAPlan.ifPresent(System.out::println);
        return notAPlan.isPresent() ? ExitCode.UNTRUSTWORTHY : ExitCode.OK;
    }

    PlanSettings toSettings() {
        if (!(ratePerSec > 0) || Double.isInfinite(ratePerSec)) {
            throw new IllegalArgumentException("--rate must be a positive number of events/s, not " + ratePerSec);
        }
        Slo objective = Slo.parse(slo);
        ServiceTime work = ServiceTime.parse(serviceTime);
        if (!(work.meanMicros() > 0)) {
            throw new IllegalArgumentException("--service-time must have a positive mean, such as exp:3ms; "
                    + "a plan sizes workers for their work");
        }
        // The work alone is λ·S Erlangs, before any pop's round trip: a pool keeps up only when it is larger
        // (ρ < 1), and no run takes more than RunConfig.MAX_WORKERS workers, so no measurement could make a plan.
        double workErlangs = ratePerSec * work.meanMicros() / 1e6;
        if (workErlangs >= RunConfig.MAX_WORKERS) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "--rate %s with --service-time %s is "
                    + "%.0f Erlangs of work alone: no pool of at most %d workers (the most a run takes) keeps up, so "
                    + "there is nothing to measure; lower the rate or the work, or shard the consumers (docs/scale-out.md)",
                    rateText(ratePerSec), work.spec(), workErlangs, RunConfig.MAX_WORKERS));
        }
        if (sweepWorkerCounts.isEmpty() || sweepWorkerCounts.stream().anyMatch(n -> n < 1)) {
            throw new IllegalArgumentException("--sweep-workers must list worker counts of at least 1, such as 1,2,4,8,16");
        }
        requirePositive(sweepSeconds, "--sweep-seconds");
        requirePositive(validationSeconds, "--validation-seconds");
        requirePositive(ceilingSeconds, "--ceiling-seconds");
        requirePositive(ceilingRatePerSec, "--ceiling-rate");
        if (!(overload > 1.0)) {
            throw new IllegalArgumentException("--overload must be above 1, or the pool is not saturated, not " + overload);
        }
        if (validationRepeats < 1 || sweepRepeats < 1) {
            throw new IllegalArgumentException("--repeats and --sweep-repeats must be at least 1");
        }
        if (ceilingWorkers < 1 || sweepWarmupSeconds < 0 || validationWarmupSeconds < 0) {
            throw new IllegalArgumentException("--ceiling-workers must be at least 1 and warm-ups must not be negative");
        }
        return new PlanSettings(ratePerSec, objective, work.spec(), clients(),
                sweepWorkerCounts.stream().distinct().sorted().toList(), overload, sweepWarmupSeconds, sweepSeconds,
                ceilingWorkers, ceilingRatePerSec, ceilingSeconds, validate, validationWarmupSeconds,
                validationSeconds, outDir != null ? outDir : defaultOutDir(),
                redisRoundTrip().rtt(), redisRoundTrip().jitter(), sweepRepeats, validationRepeats,
                RunOptions.parseEnum(LoadKind.class, load, "--load") == LoadKind.SIP);
    }

    private static String rateText(double ratePerSec) {
        return ratePerSec == Math.rint(ratePerSec) ? Long.toString((long) ratePerSec) : Double.toString(ratePerSec);
    }

    private RoundTrip redisRoundTrip() {
        return redisRtt == null ? RoundTrip.NONE : RunOptions.parseRtt(redisRtt);
    }

    private List<String> clients() {
        return QueueDrivers.select(client);
    }

    private static void requirePositive(double value, String option) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(option + " must be positive, not " + value);
        }
    }

    private static Path defaultOutDir() {
        return DefaultOutDir.timestamped("plan");
    }
}
