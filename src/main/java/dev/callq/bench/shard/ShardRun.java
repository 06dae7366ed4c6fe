package dev.callq.bench.shard;

import dev.callq.bench.options.RunConfig;
import dev.callq.bench.result.Shard;
import dev.callq.bench.run.Sampler;
import dev.callq.bench.run.WorkFactory;
import dev.callq.bench.run.Runner;
import dev.callq.bench.run.WorkerPool;
import dev.callq.bench.run.ProgressListener;
import dev.callq.bench.run.RunFailure;
import dev.callq.bench.run.QueueDrain;
import dev.callq.bench.run.EventHandler;
import dev.callq.bench.HarnessException;
import dev.callq.bench.driver.QueueAdmin;
import dev.callq.bench.driver.QueueDriver;
import dev.callq.bench.driver.QueueSpec;
import dev.callq.bench.env.ManagedProcess;
import dev.callq.bench.env.RedisClock;
import dev.callq.bench.env.RedisEndpoint;
import dev.callq.bench.env.RedisProbe;
import dev.callq.bench.event.CallEvent;
import dev.callq.bench.load.CallStats;
import dev.callq.bench.load.Load;
import dev.callq.bench.load.LoadKind;
import dev.callq.bench.load.LoadOutcome;
import dev.callq.bench.load.RateProfile;
import dev.callq.bench.load.SipLoad;
import dev.callq.bench.load.SyntheticLoad;
import dev.callq.bench.measure.ClockOffset;
import dev.callq.bench.measure.DeferredLatencies;
import dev.callq.bench.measure.EventLedger;
import dev.callq.bench.measure.EventSets;
import dev.callq.bench.measure.ExpectedEvents;
import dev.callq.bench.measure.IntervalLog;
import dev.callq.bench.measure.LatencyRecorder;
import dev.callq.bench.measure.LatencySummary;
import dev.callq.bench.measure.Metric;
import dev.callq.bench.measure.Recorders;
import dev.callq.bench.measure.WallClock;
import dev.callq.bench.result.ClientResult;
import dev.callq.bench.result.Role;
import dev.callq.bench.result.ShardPart;
import dev.callq.bench.result.Timeseries;
import dev.callq.bench.work.RandomDraws;
import dev.callq.bench.work.ServiceTime;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * One shard of a run spread over several processes: a producer (1/N of the rate, Call-IDs of its own)
 * or a consumer (1/N of the workers). It aligns its clock to the Redis server's, meets the other shards
 * at the {@link ShardBarrier}, runs its role from the agreed instant (warm-up, then the measured phase
 * from start + warm-up, so that every shard's interval k covers the same second), and writes its
 * {@link ShardPart} under {@code shards/<role>-<i>/}. {@code callq merge} adds the parts up.
 */
public final class ShardRun {
    private static final Logger log = LoggerFactory.getLogger(ShardRun.class);
    /**
     * Sip-load shard i's measured Call-IDs are {@code sip-<i>-<SIPp's call number>}: to the accounting, lane i
     * of one numbered space ({@link dev.callq.bench.measure.SequenceIds}), so each shard's INVITEs are a bit set.
     */
    static final String SIP_CALL_ID_PREFIX = "sip-";

    private final RunConfig config;
    private final Shard shard;
    private final Role role;
    private final String client;
    /** The run's draws, as {@code --seed} or a new seed gives them; each shard draws from its own ({@link RandomDraws#forShard}). */
    private final RandomDraws draws;
    /** The server whose clock every shard reads: the one that holds the barrier. */
    private RedisEndpoint reference;

    public ShardRun(RunConfig config) {
        this.config = config;
        this.shard = config.shard();
        this.role = config.role();
        this.client = config.clients().get(0);
        this.draws = RandomDraws.of(config.options().seed);
    }

    /** Runs this shard and writes its part; returns the part's folder. */
    public Path run() {
        RedisProbe.requireReachable(config.redis());
        WallClock.injectSkew(config.clockSkewMillis() * 1_000);
        Path dir = createDir(config.outDir().resolve(ShardPart.SHARDS_FOLDER).resolve(shard.folderName(role)));
        // A producer shard pushes with the same client whichever is under test, as a whole run's producer does.
        // A sip-load shard pushes nothing itself (Kamailio does); its queue connection only finds the barrier.
        String queueClient = role == Role.CONSUMER ? client : SyntheticLoad.PRODUCER_CLIENT;
        try (ShardQueues queues = new ShardQueues(config, queueClient);
             ShardBarrier barrier = new ShardBarrier(queues.serverOf(ShardBarrier.hashTag(config.key(), runName())),
                     config.key(), runName(), shard.count())) {
            reference = barrier.server();
            ShardPart part = switch (role) {
                case PRODUCER -> produce(queues, barrier, dir);
                case SIP_LOAD -> loadSip(queues, barrier, dir);
                default -> consume(queues, barrier, dir);
            };
            part.write(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String runName() {
        return config.outDir().getFileName().toString();
    }

    private ShardPart produce(ShardQueues queues, ShardBarrier barrier, Path dir) throws IOException {
        Recorders recorders = Recorders.create();
        // Lane k of producer i pushes to queue (i × lanes + k) mod queues: the producers' lanes cover every queue.
        int lanes = config.producerLanes();
        IntFunction<QueueSpec> laneQueue = lane -> queues.spec((shard.index() * lanes + lane) % queues.count());
        QueueSpec spec = laneQueue.apply(0);
        QueueDriver driver = queues.driver(spec);
        SyntheticLoad load = new SyntheticLoad(config.pattern(), lane -> queues.driver(laneQueue.apply(lane))
                .createProducer(laneQueue.apply(lane)), new ShareOfRate(config.rate(), shard.count()),
                config.arrivals(), draws.forShard(shard.index()), config.duration(), lanes, recorders.producerLag(), recorders.pushRoundTrip(),
                SyntheticLoad.MEASURED_PREFIX + "p" + shard.index() + "-");
        Start start = startTogether(barrier, load);
        long startMicros = start.startMicros();
        ClockOffset clock = start.clock();
        long measureFromMicros = start.measureFromMicros();
        Path hlog = dir.resolve(client + ".hlog");
        LoadOutcome outcome;
        IntervalLog intervals = new IntervalLog(hlog, measureFromMicros / 1_000, "callq-bench " + client + " "
                + shard.folderName(role) + ", latencies in microseconds");
        try (intervals;
             QueueAdmin samplingAdmin = driver.createAdmin();
             Sampler sampler = new Sampler(shard.folderName(role), recorders, intervals, new EventLedger(), samplingAdmin,
                     spec, Timeseries.file(dir, client), ProgressListener.NONE)) {
            outcome = load.measure();
            barrier.producerDone();
        }
        var stats = outcome.producer();
        List<String> warnings = new ArrayList<>();
        if (!stats.keptSchedule()) {
            warnings.add(String.format(Locale.ROOT, "PRODUCER FELL BEHIND: achieved %.0f events/s against "
                    + "a schedule of %.0f", stats.achievedRate(), stats.scheduledRate()));
        }
        ClientResult.Producer producer = new ClientResult.Producer(stats.targetRate(), stats.scheduledRate(),
                stats.achievedRate(), stats.pushed(), stats.pushFailures(), stats.keptSchedule(),
                LatencySummary.of(intervals.cumulative(Metric.PRODUCER_LAG), 0));
        return new ShardPart(role.cliName(), shard.toString(), client, clock.offsetMicros(), clock.uncertaintyMicros(),
                startMicros, measureFromMicros, outcome.endMicros(), 0, dir.relativize(hlog).toString(),
                dir.relativize(Timeseries.file(dir, client)).toString(), null, null, null, null, null, null, null,
                null, Map.of(Metric.PRODUCER_LAG.tag(), 0L), producer,
                EventSets.of(load.pushed()).encode(),
                config.describePhases(), Runner.configMap(config, draws), Runner.environment(Runner.describeRedis(reference, "external")),
                new LinkedHashMap<>(load.describe()), warnings, null);
    }

    /**
     * The producer role played by SIP: SIPp's UAC and UAS and a Kamailio of this shard's own (or the user's,
     * {@code --kamailio}) at 1/N of the calls/s, on Call-IDs {@code sip-<i>-<call number>}. What it expects
     * is what a whole SIP run expects (SIPp's send log less the pushes Kamailio reported failed, checked
     * against Kamailio's counters), written as the bit sets the merge unites.
     */
    private ShardPart loadSip(ShardQueues queues, ShardBarrier barrier, Path dir) throws IOException {
        double rateCps = config.rate().meanRatePerSec(1) / shard.count();
        long shareOfCalls = shard.shareOf(config.calls());
        QueueSpec spec = queues.spec(0);
        List<String> warnings = new ArrayList<>();
        try (SipLoad load = new SipLoad(dir, config.kamailioSettings(RedisProbe.master(config.redis()).asDefaultUser(),
                spec.key()), config.kamailio(), config.uacScenario(), config.uasScenario(), rateCps, shareOfCalls,
                config.holdTime(), 0, config.uas(), SIP_CALL_ID_PREFIX + shard.index() + "-")) {
            Start start = startTogether(barrier, load);
            long startMicros = start.startMicros();
            ClockOffset clock = start.clock();
            long measureFromMicros = start.measureFromMicros();
            LoadOutcome outcome;
            try {
                outcome = load.measure();
            } finally {
                // Even a failed shard lets the consumers drain rather than wait out the drain timeout.
                barrier.producerDone();
            }
            // No watchdog stops a shard's load: a part that died is named here, first, as a local run names it.
            load.processes().forEach((name, ended) -> {
                if (!ended.getAsBoolean()) {
                    warnings.add(0, "FAILED: " + name + " exited before this shard's calls were done");
                }
            });
            ExpectedEvents expected = outcome.expected();
            EventSets events = new EventSets();
            if (expected.byIdentity()) {
                List<String> keys = new ArrayList<>();
                expected.ids().forEach(keys::add);
                events = EventSets.ofUniqueKeys(keys);
            } else {
                warnings.add("this shard knows only how many events it expects (" + expected.count() + "), not which: "
                        + expected.countOnlyReason());
            }
            outcome.crossChecks().stream().filter(check -> !check.ok())
                    .forEach(check -> warnings.add("cross-check failed: " + check.name() + ": expected "
                            + check.expected() + ", observed " + check.observed()));
            CallStats calls = outcome.calls();
            double seconds = Math.max(1e-6, (outcome.endMicros() - outcome.startMicros()) / 1e6);
            ClientResult.Producer producer = new ClientResult.Producer(rateCps, rateCps, calls.attempted() / seconds,
                    expected.count(), outcome.pushCommandsFailed(), true,
                    LatencySummary.of(new Histogram(LatencyRecorder.SIGNIFICANT_DIGITS), 0));
            Map<String, String> described = new LinkedHashMap<>(load.describe());
            described.put("sipCalls " + shard.folderName(role), calls.attempted() + " attempted, " + calls.succeeded()
                    + " succeeded, " + calls.failed() + " failed at " + String.format(Locale.ROOT, "%.1f", rateCps)
                    + " calls/s");
            // No .hlog: Kamailio stamps the events and the consumers measure them (SIPp's post-dial delays
            // stay in this folder, sipp-post-dial-delay.hlog).
            return new ShardPart(role.cliName(), shard.toString(), client, clock.offsetMicros(),
                    clock.uncertaintyMicros(), startMicros, measureFromMicros, outcome.endMicros(), 0,
                    null, null, null, null, null, null, null, null, null, null, Map.of(),
                    producer, events.encode(), config.describePhases(), Runner.configMap(config, draws),
                    Runner.environment(Runner.describeRedis(reference, "external")), described, warnings, calls);
        }
    }

    private ShardPart consume(ShardQueues queues, ShardBarrier barrier, Path dir) throws IOException {
        int workers = shard.shareOf(config.workers());
        // One queue: every consumer shard takes from it. Several: consumer i owns queue i.
        QueueSpec spec = queues.spec(queues.count() == 1 ? 0 : shard.index());
        QueueDriver driver = queues.driver(spec);
        QueueAdmin admin = queues.admin(spec);
        boolean countsTheQueue = queues.count() > 1 || shard.index() == 0;
        if (countsTheQueue) {
            // Before counting in: no producer pushes before every shard has, so nothing is deleted unseen.
            admin.reset(spec, config.workers());
        }
        Recorders recorders = Recorders.create();
        EventLedger ledger = new EventLedger();
        EventHandler handler = new EventHandler(config.payload(), recorders, ledger, new DeferredLatencies(),
                WorkFactory.create(config.serviceTime(), config.workMode(), draws.forShard(shard.index())),
                !(config.serviceTime() instanceof ServiceTime.None));
        List<String> warnings = new ArrayList<>();
        Path hlog = dir.resolve(client + ".hlog");
        long startMicros;
        long measureFromMicros;
        long maxBacklog;
        long pollErrors;
        ClockOffset clock;
        IntervalLog intervals;
        boolean redisSilent;
        try (WorkerPool pool = new WorkerPool(driver, spec, workers, handler, config.redis())) {
            // The workers warm up on the producers' warm-up events as they come.
            Start start = startTogether(barrier, null);
            startMicros = start.startMicros();
            clock = start.clock();
            measureFromMicros = start.measureFromMicros();
            intervals = new IntervalLog(hlog, measureFromMicros / 1_000, "callq-bench " + client + " "
                    + shard.folderName(role) + ", latencies in microseconds");
            try (intervals;
                 QueueAdmin samplingAdmin = driver.createAdmin();
                 Sampler sampler = new Sampler(shard.folderName(role), recorders, intervals, ledger, samplingAdmin, spec,
                         Timeseries.file(dir, client), ProgressListener.NONE)) {
                long deadlineMicros = measureFromMicros + (config.duration().plus(config.drainTimeout())).toNanos() / 1_000;
                if (!barrier.awaitProducers(deadlineMicros)) {
                    warnings.add("not every producer had finished by the end of the drain timeout");
                }
                String notDrained = new QueueDrain(admin, spec, config.workers(), handler, ledger,
                        config.drainTimeout()).await(ManagedProcess::shuttingDown);
                redisSilent = QueueDrain.redisSilent(notDrained);
                if (notDrained != null) {
                    // As a local run's failure, first: a shard part has no field of its own for it.
                    warnings.add(redisSilent ? 0 : warnings.size(), (redisSilent ? "FAILED: " : "") + notDrained);
                }
                if (redisSilent) {
                    pool.abandon();
                } else {
                    pool.close();
                }
                sampler.close(!redisSilent);
                maxBacklog = sampler.maxBacklog();
            }
            pollErrors = pool.pollErrors();
            if (pollErrors > 0) {
                warnings.add(pollErrors + " pops failed; first: " + pool.firstError());
            }
        }
        long leftInQueue = countsTheQueue && !redisSilent ? leftInQueue(admin, spec, config.workers(), warnings) : 0;
        Map<String, Long> nonPositive = new LinkedHashMap<>();
        for (Metric metric : List.of(Metric.ENQUEUE_TO_DEQUEUE, Metric.SERVICE_TIME, Metric.ENQUEUE_TO_DONE)) {
            nonPositive.put(metric.tag(), recorders.of(metric).nonPositiveCount());
        }
        return new ShardPart(role.cliName(), shard.toString(), client, clock.offsetMicros(), clock.uncertaintyMicros(),
                startMicros, measureFromMicros, WallClock.nowMicros(), handler.lastDequeuedMicros(),
                dir.relativize(hlog).toString(), dir.relativize(Timeseries.file(dir, client)).toString(), workers,
                ledger.consumedCount(), ledger.malformedCount(), ledger.malformedSample(), leftInQueue,
                ledger.warmupCount(), pollErrors, maxBacklog, nonPositive, null,
                EventSets.ofUniqueKeys(ledger.uniqueKeys()).encode(), config.describePhases(),
                Runner.configMap(config, draws), Runner.environment(Runner.describeRedis(reference, "external")),
                new LinkedHashMap<>(driver.describe()), warnings, null);
    }

    /**
     * Measures this host's clock's offset to Redis and reads the Redis clock from then on. Done once every
     * shard has arrived, in the margin before the start: the hosts' JVMs have started by then, and round
     * trips taken while a host is busy starting one give a poor estimate.
     */
    /** When this shard started and its measured phase begins, on the Redis clock, and its clock's offset to it. */
    private record Start(long startMicros, ClockOffset clock, long measureFromMicros) {
    }

    /**
     * Counts in at the barrier, aligns the clock, and from the common start instant runs {@code load}'s
     * warm-up (a consumer has none of its own: null), then waits for the measured phase to begin.
     */
    private Start startTogether(ShardBarrier barrier, Load load) {
        long startMicros = barrier.arrive(role);
        ClockOffset clock = alignClock();
        sleepUntil(startMicros);
        if (load != null) {
            load.warmUp(config.warmup().minimum(), CallEvent.WARMUP_PREFIX + "p" + shard.index() + "-");
        }
        long measureFromMicros = startMicros + config.warmup().minimum().toNanos() / 1_000;
        sleepUntil(measureFromMicros);
        return new Start(startMicros, clock, measureFromMicros);
    }

    private ClockOffset alignClock() {
        ClockOffset clock = RedisClock.offset(reference);
        WallClock.correctBy(clock);
        log.info("shard {} {}: clock offset to Redis {}", role.cliName(), shard, clock);
        return clock;
    }

    /** What the drain left in the queue; 0 with a warning when Redis does not answer, as a local run counts it. */
    private static long leftInQueue(QueueAdmin admin, QueueSpec spec, int workers, List<String> warnings) {
        try {
            return admin.backlog(spec) + admin.pending(spec, workers);
        } catch (RuntimeException e) {
            warnings.add(0, "FAILED: " + RunFailure.describe(e, QueueDrain.REDIS_SILENT
                    + " after the run; what it held is counted as lost"));
            return 0;
        }
    }

    private static void sleepUntil(long referenceMicros) {
        long waitMicros = referenceMicros - WallClock.nowMicros();
        if (waitMicros > 0) {
            ShardBarrier.pause(Duration.ofNanos(waitMicros * 1_000));
        }
    }

    private static Path createDir(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new HarnessException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    /** One producer shard's part of the whole run's rate profile: the same shape, 1/N of the height. */
    record ShareOfRate(RateProfile whole, int shards) implements RateProfile {
        @Override
        public double ratePerSecAt(double elapsedSeconds, double durationSeconds) {
            return whole.ratePerSecAt(elapsedSeconds, durationSeconds) / shards;
        }

        @Override
        public String describe() {
            return whole.describe() + " ÷ " + shards + " producers";
        }
    }
}
