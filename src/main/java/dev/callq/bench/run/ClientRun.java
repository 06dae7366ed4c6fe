package dev.callq.bench.run;

import dev.callq.bench.driver.ClientChoice;
import dev.callq.bench.driver.ClientSettings;
import dev.callq.bench.driver.QueueAdmin;
import dev.callq.bench.driver.QueueDriver;
import dev.callq.bench.driver.QueueDrivers;
import dev.callq.bench.driver.QueueSpec;
import dev.callq.bench.event.CallEvent;
import dev.callq.bench.env.LocalRedis;
import dev.callq.bench.env.LocalSentinels;
import dev.callq.bench.env.ManagedProcess;
import dev.callq.bench.env.RedisEndpoint;
import dev.callq.bench.fault.CountersAcrossServers;
import dev.callq.bench.fault.Fault;
import dev.callq.bench.fault.FaultInjector;
import dev.callq.bench.fault.FaultSpec;
import dev.callq.bench.fault.Recovery;
import dev.callq.bench.fault.RedisLinks;
import dev.callq.bench.load.Load;
import dev.callq.bench.load.LoadOutcome;
import dev.callq.bench.measure.Accounting;
import dev.callq.bench.measure.DeferredLatencies;
import dev.callq.bench.measure.EventLedger;
import dev.callq.bench.measure.ExpectedEvents;
import dev.callq.bench.measure.IntervalLog;
import dev.callq.bench.measure.LatencySplit;
import dev.callq.bench.measure.LatencySummary;
import dev.callq.bench.measure.Metric;
import dev.callq.bench.measure.Recorders;
import dev.callq.bench.measure.WallClock;
import dev.callq.bench.result.BacklogTrend;
import dev.callq.bench.result.ClientResult;
import dev.callq.bench.result.FaultRecord;
import dev.callq.bench.result.RunVerdict;
import dev.callq.bench.result.SustainedLoad;
import dev.callq.bench.result.Timeseries;
import dev.callq.bench.work.ServiceTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * One client measured on one load, through the phases: reset the queue, start the workers, warm up
 * (excluded), measure, drain (bounded), stop. Everything it starts is stopped on the way out.
 */
final class ClientRun {
    private static final Logger log = LoggerFactory.getLogger(ClientRun.class);
    private static final Duration DRAIN_POLL = Duration.ofMillis(50);
    /** How a failure that is Redis not answering begins. */
    private static final String REDIS_SILENT = "Redis stopped answering";

    /** Builds the load for a client once Redis, the driver and the recorders exist. */
    interface LoadFactory {
        Load create(QueueDriver driver, QueueSpec spec, Recorders recorders, RedisEndpoint redis, Path logDir);
    }

    private final RunConfig config;
    private final ClientChoice choice;
    /** The label the results carry: the client's name, or name:configuration for a settings file. */
    private final String client;
    private final RedisEndpoint redis;
    private final Path outDir;
    private final Path logDir;
    /** The Redis callq started, for faults done to it; null for an external Redis. */
    private final LocalRedis localRedis;

    /** The Sentinel topology callq started, for a failover; null without one. */
    private final LocalSentinels sentinels;

    /** The network proxies the run goes through, for the faults they make; null without them. */
    private final RedisLinks links;

    ClientRun(RunConfig config, String client, RedisEndpoint redis, Path outDir, Path logDir) {
        this(config, client, redis, null, null, outDir, logDir);
    }

    ClientRun(RunConfig config, String client, RedisEndpoint redis, LocalRedis localRedis, LocalSentinels sentinels,
              Path outDir, Path logDir) {
        this(config, client, redis, localRedis, sentinels, null, outDir, logDir);
    }

    /**
     * @param redis  where the workers and the harness's reads dial Redis: the workers' proxy when there are
     *               {@code links}, and the producer dials the producer's
     */
    ClientRun(RunConfig config, String client, RedisEndpoint redis, LocalRedis localRedis, LocalSentinels sentinels,
              RedisLinks links, Path outDir, Path logDir) {
        this.links = links;
        this.sentinels = sentinels;
        this.config = config;
        this.choice = ClientChoice.parse(client);
        this.client = choice.label();
        this.redis = redis;
        this.localRedis = localRedis;
        this.outDir = outDir;
        this.logDir = logDir;
    }

    ClientResult execute(LoadFactory loads, Runnable work) {
        return execute(loads, work, ProgressListener.NONE);
    }

    ClientResult execute(LoadFactory loads, Runnable work, ProgressListener progress) {
        QueueSpec spec = new QueueSpec(config.key(), config.pattern(), config.popTimeout(), config.batchSize());
        Recorders recorders = Recorders.create();
        EventLedger ledger = new EventLedger();
        DeferredLatencies deferred = new DeferredLatencies();
        Path hlog = outDir.resolve(client + ".hlog");
        Path timeseries = Timeseries.file(outDir, client);
        List<String> warnings = new ArrayList<>();
        ClientSettings settings = config.clientSettings(redis, spec, choice.respVersionOr(config.respVersion()));
        if (!settings.exceedsPopTimeout(spec)) {
            warnings.add("client timeout " + settings.clientTimeout().toMillis() + " ms does not exceed the pop timeout "
                    + spec.popTimeout().toMillis() + " ms: a pop the client gives up on can still pop an event on the "
                    + "server, and that event is lost");
        }
        // Behind the network proxies, the harness reads the queue directly, as an observer outside the network:
        // a partition must not blind the backlog it measures recovery by, nor the accounting.
        try (QueueDriver driver = QueueDrivers.open(choice, settings);
             QueueDriver direct = links == null ? null : QueueDrivers.open(choice, config.clientSettings(
                     links.upstream(), spec, choice.respVersionOr(config.respVersion())));
             QueueAdmin admin = (direct == null ? driver : direct).createAdmin();
             IntervalLog intervals = new IntervalLog(hlog, System.currentTimeMillis(),
                     "callq-bench " + client + ", latencies in microseconds")) {
            admin.reset(spec, config.workers());
            EventHandler handler = new EventHandler(config.payload(), recorders, ledger, deferred, work,
                    !(config.serviceTime() instanceof ServiceTime.None));
            LoadOutcome outcome;
            Reconciler reconciler;
            CountersAcrossServers servers = new CountersAcrossServers();
            String failure = null;
            long measureStartMicros;
            long measureEndMicros;
            long consumedDuringMeasure;
            long drainedEvents;
            Map<String, String> environment = new LinkedHashMap<>(driver.describe());
            environment.putAll(choice.describe());
            long maxBacklog;
            long pollErrors;
            long acknowledgementsFailed;
            double warmupSeconds;
            ClientResult.Cost cost;
            List<FaultRecord> faults = List.of();
            boolean redisUnusable;
            Double backlogUnknownSeconds;
            try (Load load = loads.create(driver, spec, recorders,
                    links == null ? redis : links.producerEndpoint(), logDir);
                 WorkerPool pool = new WorkerPool(driver, spec, config.workers(), handler)) {
                environment.putAll(load.describe());
                warmupSeconds = warmUp(load, warnings);
                if (awaitDrained(admin, spec, handler, ledger, () -> false) != null) {
                    warnings.add("the warm-up's events had not drained when measuring began");
                }
                ledger.forgetWarmupCallIds();
                if (ledger.warmupDuplicateCount() > 0) {
                    warnings.add(ledger.warmupDuplicateCount() + " warm-up events were taken more than once");
                }
                log.info("{}: measuring", client);
                progress.phaseStarted(client, "measure", Math.max(1, config.duration().toSeconds()));
                // The sampler polls from a thread of its own, so it gets a connection of its own: a Jedis
                // connection shared by two threads crosses their replies.
                try (QueueAdmin samplingAdmin = (direct == null ? driver : direct).createAdmin();
                     QueueAdmin faultAdmin = (direct == null ? driver : direct).createAdmin();
                     Sampler sampler = new Sampler(client, recorders, intervals, ledger, samplingAdmin, spec,
                             timeseries, progress);
                     FaultInjector injector = config.faults().isEmpty() ? null : new FaultInjector(config.faults(),
                             new Fault.Targets(localRedis, pool, faultAdmin, spec, config.workers(), load, sentinels,
                                     links, servers),
                             FaultInjector.file(outDir, client), client);
                     PartsWatchdog watchdog = PartsWatchdog.forRun(config.faults(), localRedis,
                             links == null ? redis : links.upstream(), load, spec.popTimeout())) {
                    reconciler = new Reconciler(admin, spec, config.workers(), config.payload(), ledger, servers);
                    long consumedBefore = ledger.consumedCount();
                    CostMeter costMeter = CostMeter.start(redis, pool.threads());
                    JfrProfile profile = config.profile() ? JfrProfile.start(client) : null;
                    measureStartMicros = WallClock.nowMicros();
                    try {
                        outcome = load.measure();
                    } catch (RuntimeException e) {
                        // From here on a run always ends with its results, saying what failed: a dead part
                        // (the watchdog's finding) rather than what its death did to the load.
                        String partFailure = watchdog.failure();
                        failure = partFailure != null ? partFailure : failure(e, "the load failed mid-run");
                        if (partFailure != null) {
                            warnings.add("the load then failed: " + firstLine(e));
                        }
                        outcome = null;
                    }
                    measureEndMicros = WallClock.nowMicros();
                    consumedDuringMeasure = ledger.consumedCount() - consumedBefore;
                    costMeter.phaseEnded();
                    progress.phaseEnded();
                    log.info("{}: load done, draining (up to {} s)", client, config.drainTimeout().toSeconds());
                    String notDrained = awaitDrained(admin, spec, handler, ledger, watchdog::redisUnusable);
                    if (injector != null) {
                        // A fault still on (a pause longer than the phase) is undone before the drain's verdict.
                        faults = injector.stopAll();
                        if (notDrained != null) {
                            notDrained = awaitDrained(admin, spec, handler, ledger, watchdog::redisUnusable);
                        }
                    }
                    // A part that died after the load ended (while draining) is the failure too.
                    failure = failure != null ? failure : watchdog.failure();
                    redisUnusable = watchdog.redisUnusable();
                    if (redisUnusable) {
                        notDrained = null; // the drain was given up on: the failure says why
                    }
                    warnings.addAll(watchdog.stalls());
                    if (notDrained != null && notDrained.startsWith(REDIS_SILENT)) {
                        failure = failure != null ? failure : notDrained;
                    } else if (notDrained != null) {
                        warnings.add(notDrained);
                    }
                    cost = costMeter.stop(ledger.consumedCount() - consumedBefore);
                    if (profile != null) {
                        try (profile) {
                            Path jfr = outDir.resolve(client + ".jfr");
                            profile.stopAndDump(jfr);
                            environment.put("profile", outDir.relativize(jfr).toString());
                        }
                    }
                    // Workers stop before the sampler's closing sample, so that it holds every measured event.
                    if (redisUnusable) {
                        pool.abandon();
                    } else {
                        pool.close();
                    }
                    drainedEvents = ledger.consumedCount() - consumedBefore - consumedDuringMeasure;
                    sampler.close(!redisUnusable);
                    maxBacklog = sampler.maxBacklog();
                    backlogUnknownSeconds = sampler.backlogUnknownSeconds();
                }
                pollErrors = pool.pollErrors();
                acknowledgementsFailed = pool.acknowledgementsFailed();
                if (pollErrors > 0) {
                    warnings.add(pollErrors + " pops failed; first: " + pool.firstError());
                }
            }
            long leftInQueue = 0;
            boolean redisAnswered = !redisUnusable;
            try {
                if (redisAnswered) {
                    leftInQueue = admin.backlog(spec) + admin.pending(spec, config.workers());
                }
            } catch (RuntimeException e) {
                failure = failure != null ? failure : failure(e, REDIS_SILENT + " after the run; what it held is "
                        + "counted as lost");
                leftInQueue = 0;
                redisAnswered = false;
            }
            if (outcome == null) {
                // What the load sent is unknown: every event seen is taken as expected, so nothing counts as lost.
                outcome = new LoadOutcome(ExpectedEvents.countOnly(ledger.uniqueCount() + leftInQueue,
                        "the load failed mid-run, so what it sent is unknown"), measureStartMicros, measureEndMicros,
                        null, null, Map.of(), null, 0, List.of());
            }
            if (failure != null) {
                log.warn("{}: {}", client, failure);
                warnings.add(0, "FAILED: " + failure);
            }
            if (!deferred.isEmpty()) {
                List<String> unmatched = deferred.resolve(outcome.sentMicrosByCallId(), intervals,
                        recorders.enqueueToDequeue(), recorders.enqueueToDone());
                if (!unmatched.isEmpty()) {
                    warnings.add(unmatched.size() + " Call-IDs had no INVITE send time in SIPp's log (e.g. "
                            + unmatched.get(0) + "); their latency is not recorded");
                }
            }
            Reconciler.Outcome reconciled = redisAnswered
                    ? reconciler.reconcile(admin, outcome, ledger, acknowledgementsFailed, outDir, client)
                    : reconciler.withoutRedis(outcome, ledger, outDir, client);
            faults = withRecovery(faults, timeseries, warnings);
            if (backlogUnknownSeconds != null) {
                warnings.add("the backlog could not be read for " + backlogUnknownSeconds + " s (Redis did not "
                        + "answer): unknown for that time; maxBacklog is the largest of the seconds seen");
            }
            if (ledger.malformedCount() > 0) {
                warnings.add(ledger.malformedCount() + " events could not be read as --payload "
                        + config.payload().name().toLowerCase(Locale.ROOT) + "; the first: " + ledger.malformedSample());
            }
            String contract = outcome.calls() == null ? null : outcome.calls().contractProblem();
            if (contract != null) {
                warnings.add(0, "CONTRACT BROKEN: " + contract);
            }
            ClientResult result = result(environment, spec, recorders, intervals, ledger, reconciled, outcome,
                    warmupSeconds, maxBacklog, pollErrors, consumedDuringMeasure, hlog, timeseries, warnings, failure,
                    cost).withFaults(faults).withBacklogUnknownSeconds(backlogUnknownSeconds);
            return result.withSustained(sustained(result, consumedDuringMeasure, timeseries),
                    ClientResult.Drain.of(drainedEvents,
                            (handler.lastDequeuedMicros() - outcome.endMicros()) / 1e6));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The sustained rule on the measured phase: offered is what entered the queue (the expected events), so
     * that a SIP run, whose rate is in calls/s, is judged in events as a synthetic one.
     */
    private SustainedLoad sustained(ClientResult result, long consumedDuringMeasure, Path timeseries) {
        double seconds = Math.max(1e-6, result.measuredSeconds());
        double offeredPerSec = result.events().expected() / seconds;
        double consumedPerSec = consumedDuringMeasure / seconds;
        BacklogTrend backlog = BacklogTrend.read(timeseries, result.measuredSeconds());
        if (!config.faults().isEmpty() || config.redisStall() != null) {
            return SustainedLoad.notJudged("faults stalled the queue on purpose: each fault's recovery says whether "
                    + "it caught up", offeredPerSec, consumedPerSec, backlog);
        }
        return SustainedLoad.judge(offeredPerSec, consumedPerSec, backlog, SustainedLoad.MAX_FINAL_BACKLOG_SECONDS);
    }

    /** Each fault with its recovery from the time series; what each found and any that failed go to the warnings. */
    private List<FaultRecord> withRecovery(List<FaultRecord> faults, Path timeseries, List<String> warnings) {
        if (faults.isEmpty()) {
            return faults;
        }
        List<Timeseries.Second> rows = Timeseries.read(timeseries);
        List<FaultRecord> recovered = new ArrayList<>();
        for (FaultRecord fault : faults) {
            // A fault of the whole run (sip-loss) has no after to recover in.
            boolean wholeRun = FaultSpec.parse(fault.spec()).kind() == FaultSpec.Kind.SIP_LOSS;
            FaultRecord withRecovery = wholeRun ? fault : Recovery.of(rows, fault, config.rate().meanRatePerSec(1));
            recovered.add(withRecovery);
            if (fault.error() != null) {
                warnings.add("fault " + fault.spec() + " was not done as asked: " + fault.error());
            } else if (fault.note() != null) {
                warnings.add("fault " + fault.spec() + ": " + fault.note());
            }
            if (!wholeRun && fault.error() == null && withRecovery.recoverySeconds() == null
                    && fault.startedAtMicros() > 0) {
                warnings.add("fault " + fault.spec() + ": the backlog was not back to its steady level by the "
                        + "end of the run");
            }
        }
        return List.copyOf(recovered);
    }

    /**
     * Runs the warm-up: its minimum, then a slice at a time while the JIT is still compiling, up to its
     * maximum. Returns how long it ran, in seconds.
     */
    private double warmUp(Load load, List<String> warnings) {
        Warmup warmup = config.warmup();
        if (warmup.minimum().isZero()) {
            return 0;
        }
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean jitMeasurable = jit != null && jit.isCompilationTimeMonitoringSupported();
        log.info("{}: warm-up ({} s{}, excluded from the results)", client, warmup.minimum().toMillis() / 1000.0,
                jitMeasurable && warmup.maximum().compareTo(warmup.minimum()) > 0 ? ", longer while the JIT compiles" : "");
        long startNanos = System.nanoTime();
        Duration slice = warmup.minimum();
        int quietInARow = 0;
        for (int sliceNumber = 0; ; sliceNumber++) {
            long compileMillisBefore = jitMeasurable ? jit.getTotalCompilationTime() : 0;
            long sliceStartNanos = System.nanoTime();
            load.warmUp(slice, CallEvent.WARMUP_PREFIX + sliceNumber + "-");
            Duration lastSlice = Duration.ofNanos(System.nanoTime() - sliceStartNanos);
            Duration compileTime = Duration.ofMillis(jitMeasurable ? jit.getTotalCompilationTime() - compileMillisBefore : 0);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
            boolean busy = Warmup.jitBusy(lastSlice, compileTime);
            quietInARow = busy ? 0 : quietInARow + 1;
            if (!warmup.another(elapsed, sliceNumber + 1, quietInARow)) {
                if (busy) {
                    warnings.add(String.format(Locale.ROOT, "the JIT was still compiling when the warm-up ended "
                            + "(%d ms in its last %.1f s); the first measured seconds may be slow: raise --warmup-max",
                            compileTime.toMillis(), lastSlice.toMillis() / 1000.0));
                }
                if (sliceNumber > 0) {
                    log.info("{}: warm-up ran {} s, {}", client, elapsed.toMillis() / 1000.0,
                            busy ? "its maximum" : "until the JIT settled");
                }
                return elapsed.toNanos() / 1e9;
            }
            slice = Warmup.SLICE;
        }
    }

    /**
     * Waits until the queue and the workers are idle: empty list, nothing pending, nothing in a worker's
     * hands, and no payload taken over one more poll (a popped payload is briefly in neither place).
     * Redis may fail to answer for a while (a pause, a restart); only when it never answers again before
     * the drain timeout is that the reason.
     *
     * @param redisUnusable true once Redis cannot be asked any more (the watchdog's finding): stop waiting
     * @return null once drained (or given up on Redis); else why not, starting {@link #REDIS_SILENT} when Redis
     *         stopped answering
     */
    private String awaitDrained(QueueAdmin admin, QueueSpec spec, EventHandler handler, EventLedger ledger,
                                BooleanSupplier redisUnusable) {
        long deadlineNanos = System.nanoTime() + config.drainTimeout().toNanos();
        long takenBefore = -1;
        RuntimeException unanswered = null;
        while (System.nanoTime() < deadlineNanos) {
            if (redisUnusable.getAsBoolean()) {
                return null;
            }
            long taken = ledger.totalTaken();
            boolean idle;
            try {
                idle = admin.backlog(spec) == 0 && admin.pending(spec, config.workers()) == 0
                        && handler.inFlight() == 0;
                unanswered = null;
            } catch (RuntimeException e) {
                unanswered = e;
                idle = false;
            }
            if (idle && taken == takenBefore) {
                return null;
            }
            takenBefore = idle ? taken : -1;
            sleep(DRAIN_POLL);
        }
        if (unanswered != null) {
            return failure(unanswered, REDIS_SILENT + " while the queue drained");
        }
        return "the queue did not drain within " + config.drainTimeout().toSeconds() + " s";
    }

    /**
     * "what: the failure's message", or rethrows when callq is stopping (Ctrl-C, SIGTERM): that is the
     * stop, not a fault of the run, and ends it as interrupted.
     */
    private static String failure(RuntimeException e, String what) {
        if (ManagedProcess.shuttingDown()) {
            throw e;
        }
        return what + ": " + firstLine(e);
    }

    private static String firstLine(RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message).strip();
    }

    private ClientResult result(Map<String, String> environment, QueueSpec spec, Recorders recorders, IntervalLog intervals,
                                EventLedger ledger, Reconciler.Outcome reconciled, LoadOutcome outcome,
                                double warmupSeconds,
                                long maxBacklog,
                                long pollErrors, long consumedDuringMeasure, Path hlog, Path timeseries, List<String> warnings,
                                String failure, ClientResult.Cost cost) {
        Map<String, LatencySummary> latency = new LinkedHashMap<>();
        for (Metric metric : List.of(Metric.ENQUEUE_TO_DEQUEUE, Metric.SERVICE_TIME, Metric.ENQUEUE_TO_DONE)) {
            LatencySummary summary = LatencySummary.of(intervals.cumulative(metric),
                    recorders.of(metric).nonPositiveCount());
            if (summary.count() > 0 || metric == Metric.ENQUEUE_TO_DEQUEUE) {
                latency.put(metric.tag(), summary);
            }
        }
        long nonPositive = recorders.enqueueToDequeue().nonPositiveCount();
        if (nonPositive > 0) {
            warnings.add(nonPositive + " enqueue→dequeue samples were zero or negative (clock step?); "
                    + "recorded as 0");
        }
        Accounting accounting = reconciled.accounting();
        if (!accounting.balanced()) {
            warnings.add("accounting does not balance: " + accounting);
        }
        if (reconciled.details().countOnlyReason() != null) {
            warnings.add("events accounted by counts, not identities: " + reconciled.details().countOnlyReason()
                    + "; an unexpected event can hide a lost one");
        }
        if (accounting.pushedDespiteFailure() > 0) {
            warnings.add(accounting.pushedDespiteFailure() + " events arrived whose push was reported failed");
        }
        warnings.addAll(reconciled.warnings());
        for (var check : reconciled.details().failedChecks()) {
            warnings.add("CROSS-CHECK FAILED: " + check.name() + ": expected " + check.expected() + ", observed "
                    + check.observed());
        }
        if (outcome.calls() != null && outcome.calls().failed() > 0) {
            warnings.add(outcome.calls().failed() + " of " + outcome.calls().attempted() + " calls failed: "
                    + outcome.calls().failureCauses());
        }
        double measuredSeconds = (outcome.endMicros() - outcome.startMicros()) / 1e6;
        // The measured phase alone: a drain after an overloaded phase runs without the producer beside it,
        // faster, and would raise the figure (ClientResult.Drain reports it apart).
        double throughput = consumedDuringMeasure / Math.max(1e-6, measuredSeconds);
        ClientResult.Producer producer = null;
        if (outcome.producer() != null) {
            var stats = outcome.producer();
            producer = new ClientResult.Producer(stats.targetRate(), stats.scheduledRate(), stats.achievedRate(), stats.pushed(),
                    stats.pushFailures(), stats.notSent(), stats.keptSchedule(),
                    LatencySummary.of(intervals.cumulative(Metric.PRODUCER_LAG), 0), stats.client(), stats.pinned(),
                    stats.notPinnedBecause(), stats.pushFailureCauses().isEmpty() ? null : stats.pushFailureCauses());
            String producerProblem = RunVerdict.producerProblem(producer, !config.faults().isEmpty());
            if (producerProblem != null && producerProblem.startsWith(RunVerdict.PUSHES_REFUSED)) {
                warnings.add(producerProblem.toUpperCase(Locale.ROOT).substring(0, RunVerdict.PUSHES_REFUSED.length())
                        + producerProblem.substring(RunVerdict.PUSHES_REFUSED.length())
                        + ": the producer kept its schedule; the refused events are failed pushes, not expected events");
            } else if (producerProblem != null) {
                warnings.add(String.format(java.util.Locale.ROOT,
                        "PRODUCER FELL BEHIND: achieved %.0f events/s against a schedule of %.0f (%d push "
                                + "failures, %d not sent when the phase's time was up); the offered load was lower "
                                + "than asked", stats.achievedRate(), stats.scheduledRate(), stats.pushFailures(),
                        stats.notSent()) + (producer.describeFailureCauses().isEmpty() ? ""
                        : "; failed pushes by cause: " + producer.describeFailureCauses()));
            } else if (stats.pushFailures() > 0) {
                warnings.add(stats.pushFailures() + " pushes failed while the run's faults lasted: offered on time "
                        + "and refused or cut off, counted as failed pushes, not as expected events"
                        + (producer.describeFailureCauses().isEmpty() ? "" : " (" + producer.describeFailureCauses() + ")"));
            }
        }
        return new ClientResult(client, config.workers(), spec.pattern().cliName(), config.payload().cliName(),
                config.load().cliName(), config.serviceTime().spec(), outcome.calls(),
                ClientResult.Events.of(accounting, ledger.warmupCount(), ledger.malformedSample()), latency,
                throughput, measuredSeconds, warmupSeconds, maxBacklog, producer, pollErrors,
                outDir.relativize(hlog).toString(), outDir.relativize(timeseries).toString(), environment,
                warnings, failure, reconciled.details(), LatencySplit.of(intervals.cumulative(Metric.PRODUCER_LAG),
                        intervals.cumulative(Metric.PUSH_ROUND_TRIP), intervals.cumulative(Metric.STAMP_TO_REPLY),
                        intervals.cumulative(Metric.CLIENT_SHARE), intervals.cumulative(Metric.ENQUEUE_TO_DEQUEUE)),
                null, cost);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
