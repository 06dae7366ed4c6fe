package dev.callq.bench.run;

import dev.callq.bench.options.Warmup;
import dev.callq.bench.options.RunConfig;
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

/**
 * One client measured on one load, through the phases: reset the queue, start the workers, warm up
 * (excluded), measure, drain (bounded), stop. Everything it starts is stopped on the way out.
 */
final class ClientRun {
    private static final Logger log = LoggerFactory.getLogger(ClientRun.class);

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
             IntervalLog intervals = new IntervalLog(outDir.resolve(client + ".hlog"), System.currentTimeMillis(),
                     "callq-bench " + client + ", latencies in microseconds")) {
            admin.reset(spec, config.workers());
            return new Phases(spec, driver, direct == null ? driver : direct, admin, intervals, work, warnings, progress)
                    .run(loads);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the measured phase and the drain after it left for the result. */
    private static final class Consumed {
        LoadOutcome outcome;
        String failure;
        long measureStartMicros;
        long measureEndMicros;
        long consumedDuringMeasure;
        long drainedEvents;
        long maxBacklog;
        Double backlogUnknownSeconds;
        ClientResult.Cost cost;
        List<FaultRecord> faults = List.of();
        /** True when Redis cannot be asked any more: its own failure, or callq stopping. */
        boolean redisUnusable;
        /** False when callq was stopped before the measured phase began. */
        boolean measured = true;
        /** Redis's counters as the measured phase began, for the accounting's cross-checks; null when not read. */
        Reconciler reconciler;
    }

    /**
     * One execution's phases, in order: warm up (excluded), measure, drain, reconcile. Each phase is a method
     * of its own; what they share (the queue, the recorders, the ledger, the warnings) lives here.
     */
    private final class Phases {
        private final QueueSpec spec;
        private final QueueDriver driver;
        /** Where the harness's own connections go: around the network proxies when there are any. */
        private final QueueDriver observer;
        private final QueueAdmin admin;
        private final IntervalLog intervals;
        private final List<String> warnings;
        private final ProgressListener progress;
        private final Recorders recorders = Recorders.create();
        private final EventLedger ledger = new EventLedger();
        private final DeferredLatencies deferred = new DeferredLatencies();
        private final EventHandler handler;
        private final CountersAcrossServers servers = new CountersAcrossServers();
        private final QueueDrain drain;
        private final Path hlog = outDir.resolve(client + ".hlog");
        private final Path timeseries = Timeseries.file(outDir, client);
        private final Map<String, String> environment = new LinkedHashMap<>();

        Phases(QueueSpec spec, QueueDriver driver, QueueDriver observer, QueueAdmin admin, IntervalLog intervals,
               Runnable work, List<String> warnings, ProgressListener progress) {
            this.spec = spec;
            this.driver = driver;
            this.observer = observer;
            this.admin = admin;
            this.intervals = intervals;
            this.warnings = warnings;
            this.progress = progress;
            this.handler = new EventHandler(config.payload(), recorders, ledger, deferred, work,
                    !(config.serviceTime() instanceof ServiceTime.None));
            this.drain = new QueueDrain(admin, spec, config.workers(), handler, ledger, config.drainTimeout());
            environment.putAll(driver.describe());
            environment.putAll(choice.describe());
        }

        ClientResult run(LoadFactory loads) throws IOException {
            Consumed consumed;
            double warmupSeconds;
            long pollErrors;
            long acknowledgementsFailed;
            try (Load load = loads.create(driver, spec, recorders, links == null ? redis : links.producerEndpoint(),
                    logDir);
                 WorkerPool pool = new WorkerPool(driver, spec, config.workers(), handler,
                         links == null ? redis : links.upstream())) {
                environment.putAll(load.describe());
                if (config.profile()) {
                    JfrProfile.prepare();
                }
                warmupSeconds = warmUp(load);
                consumed = ManagedProcess.shuttingDown() ? stoppedBeforeMeasuring(pool) : measureAndDrain(load, pool);
                pollErrors = pool.pollErrors();
                acknowledgementsFailed = pool.acknowledgementsFailed();
                if (pollErrors > 0) {
                    warnings.add(pollErrors + " pops failed; first: " + pool.firstError());
                }
            }
            return reconcile(consumed, warmupSeconds, pollErrors, acknowledgementsFailed);
        }

        /**
         * The warm-up, then a wait for its events to drain, so that none is counted as measured. Callq's stop
         * (Ctrl-C, SIGTERM) during it ends the run here: what the stop did to the load is no failure of its own.
         */
        private double warmUp(Load load) {
            double seconds;
            // Callq's stop ends the warm-up at once, as the watchdog ends the measured phase: else the load would
            // run out its warm-up against a Redis the stop has already taken away.
            Thread stopLoad = new Thread(load::stop, "stop-warm-up");
            try {
                Runtime.getRuntime().addShutdownHook(stopLoad);
            } catch (IllegalStateException alreadyStopping) {
                return 0;
            }
            try {
                seconds = ClientRun.this.warmUp(load, warnings);
            } catch (RuntimeException e) {
                if (!ManagedProcess.shuttingDown()) {
                    throw e;
                }
                return 0;
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(stopLoad);
                } catch (IllegalStateException stopping) {
                    // the hook is running or has run: what it is for
                }
            }
            if (ManagedProcess.shuttingDown()) {
                return seconds;
            }
            if (drain.await(ManagedProcess::shuttingDown) != null) {
                warnings.add("the warm-up's events had not drained when measuring began");
            }
            ledger.forgetWarmupCallIds();
            if (ledger.warmupDuplicateCount() > 0) {
                warnings.add(ledger.warmupDuplicateCount() + " warm-up events were taken more than once");
            }
            return seconds;
        }

        /** Callq was stopped before the measured phase began: nothing measured, and Redis not asked again. */
        private Consumed stoppedBeforeMeasuring(WorkerPool pool) {
            Consumed consumed = new Consumed();
            consumed.failure = RunFailure.interruptedNow();
            consumed.measureStartMicros = WallClock.nowMicros();
            consumed.measureEndMicros = consumed.measureStartMicros;
            consumed.redisUnusable = true;
            consumed.measured = false;
            pool.abandon();
            return consumed;
        }

        /**
         * The measured phase and the drain after it, with the sampler, the faults and the watchdog around
         * them. From here on a run always ends with its results, saying what failed.
         */
        private Consumed measureAndDrain(Load load, WorkerPool pool) throws IOException {
            Consumed consumed = new Consumed();
            log.info("{}: measuring", client);
            progress.phaseStarted(client, "measure", Math.max(1, config.duration().toSeconds()));
            // The sampler polls from a thread of its own, so it gets a connection of its own: a Jedis
            // connection shared by two threads crosses their replies.
            try (QueueAdmin samplingAdmin = observer.createAdmin();
                 QueueAdmin faultAdmin = observer.createAdmin();
                 Sampler sampler = new Sampler(client, recorders, intervals, ledger, samplingAdmin, spec,
                         timeseries, progress);
                 FaultInjector injector = config.faults().isEmpty() ? null : new FaultInjector(config.faults(),
                         new Fault.Targets(localRedis, pool, faultAdmin, spec, config.workers(), load, sentinels,
                                 links, servers),
                         FaultInjector.file(outDir, client), client);
                 PartsWatchdog watchdog = PartsWatchdog.forRun(config.faults(), localRedis,
                         links == null ? redis : links.upstream(), load, spec.popTimeout())) {
                consumed.reconciler = new Reconciler(admin, spec, config.workers(), config.payload(), ledger, servers);
                long consumedBefore = ledger.consumedCount();
                CostMeter costMeter = CostMeter.start(redis, pool.threads());
                JfrProfile profile = config.profile() ? JfrProfile.start(client) : null;
                measure(load, watchdog, consumed);
                consumed.consumedDuringMeasure = ledger.consumedCount() - consumedBefore;
                costMeter.phaseEnded();
                progress.phaseEnded();
                drain(injector, watchdog, consumed);
                consumed.cost = costMeter.stop(ledger.consumedCount() - consumedBefore, !consumed.redisUnusable);
                if (profile != null) {
                    try (profile) {
                        Path jfr = outDir.resolve(client + ".jfr");
                        profile.stopAndDump(jfr);
                        environment.put("profile", outDir.relativize(jfr).toString());
                    }
                }
                // Workers stop before the sampler's closing sample, so that it holds every measured event.
                if (consumed.redisUnusable) {
                    pool.abandon();
                } else {
                    pool.close();
                }
                consumed.drainedEvents = ledger.consumedCount() - consumedBefore - consumed.consumedDuringMeasure;
                sampler.close(!consumed.redisUnusable);
                consumed.maxBacklog = sampler.maxBacklog();
                consumed.backlogUnknownSeconds = sampler.backlogUnknownSeconds();
            }
            return consumed;
        }

        private void measure(Load load, PartsWatchdog watchdog, Consumed consumed) {
            consumed.measureStartMicros = WallClock.nowMicros();
            try {
                consumed.outcome = load.measure();
            } catch (RuntimeException e) {
                // A dead part (the watchdog's finding) rather than what its death did to the load.
                String partFailure = watchdog.failure();
                consumed.failure = partFailure != null ? partFailure
                        : RunFailure.describe(e, "the load failed mid-run");
                if (partFailure != null) {
                    warnings.add("the load then failed: " + RunFailure.firstLine(e));
                }
            }
            consumed.measureEndMicros = WallClock.nowMicros();
        }

        private void drain(FaultInjector injector, PartsWatchdog watchdog, Consumed consumed) {
            log.info("{}: load done, draining (up to {} s)", client, config.drainTimeout().toSeconds());
            String notDrained = drain.await(watchdog::redisUnusable);
            if (injector != null) {
                // A fault still on (a pause longer than the phase) is undone before the drain's verdict.
                consumed.faults = injector.stopAll();
                if (notDrained != null) {
                    notDrained = drain.await(watchdog::redisUnusable);
                }
            }
            // A part that died after the load ended (while draining) is the failure too.
            consumed.failure = consumed.failure != null ? consumed.failure : watchdog.failure();
            consumed.redisUnusable = watchdog.redisUnusable();
            if (consumed.redisUnusable) {
                notDrained = null; // the drain was given up on: the failure says why
            }
            warnings.addAll(watchdog.stalls());
            if (QueueDrain.redisSilent(notDrained)) {
                consumed.failure = consumed.failure != null ? consumed.failure : notDrained;
            } else if (notDrained != null) {
                warnings.add(notDrained);
            }
        }

        /**
         * What is left in the queue, the accounting against what the load sent, and the result. Callq's stop
         * during it (Redis gone under it) ends it without Redis, as interrupted.
         */
        private ClientResult reconcile(Consumed consumed, double warmupSeconds, long pollErrors,
                                       long acknowledgementsFailed) {
            long leftInQueue = 0;
            boolean redisAnswered = !consumed.redisUnusable;
            try {
                if (redisAnswered) {
                    leftInQueue = admin.backlog(spec) + admin.pending(spec, config.workers());
                }
            } catch (RuntimeException e) {
                consumed.failure = consumed.failure != null ? consumed.failure : RunFailure.describe(e,
                        QueueDrain.REDIS_SILENT + " after the run; what it held is counted as lost");
                leftInQueue = 0;
                redisAnswered = false;
            }
            LoadOutcome outcome = consumed.outcome;
            if (outcome == null) {
                // What the load sent is unknown: every event seen is taken as expected, so nothing counts as lost.
                outcome = new LoadOutcome(ExpectedEvents.countOnly(ledger.uniqueCount() + ledger.rePushedCount() + leftInQueue,
                        "the load failed mid-run, so what it sent is unknown"), consumed.measureStartMicros,
                        consumed.measureEndMicros, null, null, Map.of(), null, 0, List.of());
            }
            if (!deferred.isEmpty()) {
                List<String> unmatched = deferred.resolve(outcome.sentMicrosByCallId(), intervals,
                        recorders.enqueueToDequeue(), recorders.enqueueToDone());
                if (!unmatched.isEmpty()) {
                    warnings.add(unmatched.size() + " Call-IDs had no INVITE send time in SIPp's log (e.g. "
                            + unmatched.get(0) + "); their latency is not recorded");
                }
            }
            Reconciler.Outcome reconciled = null;
            if (redisAnswered && consumed.reconciler != null) {
                try {
                    reconciled = consumed.reconciler.reconcile(admin, outcome, ledger, acknowledgementsFailed, outDir, client);
                } catch (RuntimeException e) {
                    if (!ManagedProcess.shuttingDown()) {
                        throw e;
                    }
                    consumed.failure = consumed.failure != null ? consumed.failure : RunFailure.interruptedNow();
                }
            }
            if (reconciled == null) {
                reconciled = Reconciler.withoutRedis(outcome, ledger, outDir, client);
            }
            if (consumed.failure != null) {
                log.warn("{}: {}", client, consumed.failure);
                warnings.add(0, "FAILED: " + consumed.failure);
            }
            List<FaultRecord> faults = withRecovery(consumed.faults, timeseries, warnings);
            if (consumed.backlogUnknownSeconds != null) {
                warnings.add("the backlog could not be read for " + consumed.backlogUnknownSeconds + " s (Redis did "
                        + "not answer): unknown for that time; maxBacklog is the largest of the seconds seen");
            }
            if (ledger.malformedCount() > 0) {
                warnings.add(ledger.malformedCount() + " events could not be read as --payload "
                        + config.payload().name().toLowerCase(Locale.ROOT) + "; the first: " + ledger.malformedSample());
            }
            String contract = outcome.calls() == null ? null : outcome.calls().contractProblem();
            if (contract != null) {
                warnings.add(0, "CONTRACT BROKEN: " + contract);
            }
            double measuredSeconds = (outcome.endMicros() - outcome.startMicros()) / 1e6;
            MeasuredWindow window = MeasuredWindow.of(measuredSeconds, reconciled.accounting().expected(),
                    consumed.consumedDuringMeasure, consumed.drainedEvents,
                    (handler.lastDequeuedMicros() - outcome.endMicros()) / 1e6);
            ClientResult result = result(environment, spec, recorders, intervals, ledger, reconciled, outcome,
                    warmupSeconds, consumed.maxBacklog, pollErrors, window, hlog, timeseries, warnings,
                    consumed.failure, consumed.cost).withFaults(faults)
                    .withBacklogUnknownSeconds(consumed.backlogUnknownSeconds);
            return result.withSustained(window.sustained(timeseries, notJudgedBecause(consumed),
                    result.events().leftInQueue()), window.drain());
        }

        /** Why the sustained rule does not apply to this run, or null when it does. */
        private String notJudgedBecause(Consumed consumed) {
            if (!consumed.measured) {
                return MeasuredWindow.NOTHING_MEASURED;
            }
            return !config.faults().isEmpty() || config.redisStall() != null ? MeasuredWindow.FAULTS_STALL : null;
        }
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
            if (ManagedProcess.shuttingDown()) {
                return elapsed.toNanos() / 1e9;
            }
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

    private ClientResult result(Map<String, String> environment, QueueSpec spec, Recorders recorders, IntervalLog intervals,
                                EventLedger ledger, Reconciler.Outcome reconciled, LoadOutcome outcome,
                                double warmupSeconds,
                                long maxBacklog,
                                long pollErrors, MeasuredWindow window, Path hlog, Path timeseries, List<String> warnings,
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
        if (accounting.rePushed() > 0) {
            warnings.add(accounting.rePushed() + " events were pushed again with a Call-ID and kind already pushed "
                    + "and another enqueue stamp: Kamailio took SIP retransmissions for new requests (after their "
                    + "transaction ended, or across a restart); each push was delivered once, none is a duplicate");
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
        ClientResult.Producer producer = null;
        if (outcome.producer() != null) {
            var stats = outcome.producer();
            producer = new ClientResult.Producer(stats.targetRate(), stats.scheduledRate(), stats.achievedRate(), stats.pushed(),
                    stats.pushFailures(), stats.notSent(), stats.keptSchedule(),
                    LatencySummary.of(intervals.cumulative(Metric.PRODUCER_LAG), 0), stats.client(), stats.pinned(),
                    stats.notPinnedBecause(), stats.pushFailureCauses().isEmpty() ? null : stats.pushFailureCauses());
            String producerProblem = RunVerdict.producerProblem(producer, !config.faults().isEmpty(),
                    window.seconds());
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
                window.consumedPerSec(), window.seconds(), warmupSeconds, maxBacklog, producer, pollErrors,
                outDir.relativize(hlog).toString(), outDir.relativize(timeseries).toString(), environment,
                warnings, failure, reconciled.details(), LatencySplit.of(intervals.cumulative(Metric.PRODUCER_LAG),
                        intervals.cumulative(Metric.PUSH_ROUND_TRIP), intervals.cumulative(Metric.STAMP_TO_REPLY),
                        intervals.cumulative(Metric.CLIENT_SHARE), intervals.cumulative(Metric.ENQUEUE_TO_DEQUEUE)),
                null, cost);
    }
}
