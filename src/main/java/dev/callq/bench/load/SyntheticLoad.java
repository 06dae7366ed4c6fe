package dev.callq.bench.load;

import dev.callq.bench.driver.ClientSettings;
import dev.callq.bench.env.CpuPinning;
import dev.callq.bench.env.RedisErrorClass;
import dev.callq.bench.driver.QueueDriver;
import dev.callq.bench.driver.QueueDrivers;
import dev.callq.bench.driver.QueueProducer;
import dev.callq.bench.driver.QueuePattern;
import dev.callq.bench.driver.QueueSpec;
import dev.callq.bench.driver.SentPush;
import dev.callq.bench.event.CallEvent;
import dev.callq.bench.event.EventKind;
import dev.callq.bench.event.PayloadFormat;
import dev.callq.bench.measure.ExpectedEvents;
import dev.callq.bench.measure.LatencyRecorder;
import dev.callq.bench.measure.SequenceIds;
import dev.callq.bench.measure.ThreadCpu;
import dev.callq.bench.measure.WallClock;
import dev.callq.bench.work.RandomDraws;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An open-loop producer that pushes events straight into Redis on a schedule fixed in advance, so a
 * slow queue cannot slow the offered load down (coordinated omission). Each event is stamped with its
 * intended send time; the lag of the actual send behind it is recorded. The schedule is split over
 * several lanes, each with its own connection, and all events due at once go in one pipeline, written without
 * waiting for Redis's reply: each lane's second thread reads the replies and accounts for every event.
 * <p>
 * The producer is the same whichever client is under test ({@link #PRODUCER_CLIENT}, on connections of
 * its own), so that a comparison of clients differs only in the consumers.
 */
public final class SyntheticLoad implements Load {
    /** Arrival process of the schedule. */
    public enum Arrivals { CONSTANT, POISSON }

    /**
     * The client every synthetic producer pushes with. Jedis: a plain blocking connection per lane, written by
     * the lane's thread and read by its reply reader, with no event loop of its own to share the cores with the
     * consumers.
     */
    public static final String PRODUCER_CLIENT = "jedis";

    private static final int MAX_PIPELINE = 512;
    /**
     * How many pushes a lane may have sent whose replies it has not read: a Redis that stalls (a pause, a full
     * disk) keeps at most this many pushes' worth of commands in its socket and the lane's bookkeeping, not the
     * rest of the schedule. About half a second of a lane at 10,000 events/s. A lane at the limit waits for a
     * reply before it sends again; its schedule does not wait, so the lag of what falls due meanwhile grows
     * and is recorded (open loop), and it goes out in the lane's next push (up to {@link #MAX_PIPELINE} events).
     */
    static final int MAX_IN_FLIGHT_PUSHES = 1_024;
    /** Names a lane's reply reader after the lane: its CPU is the producer's. */
    static final String REPLY_READER_SUFFIX = "-replies";
    /**
     * The least time between two sends of a lane: what fell due meanwhile goes in one push. A lane that parked
     * and pushed for every event spent about 25 µs of CPU per event at 20,000 events/s (a timed park, a write
     * and a blocking read for its reply, each), on the cores it measures; 500 µs puts about five events in each
     * push of a lane at 10,000 events/s. The lag this adds (up to the quantum, half of it on average) is in the
     * producer's lag histogram and in every latency, which count from the intended time. A lane whose next
     * event is further away than the quantum (under 2,000 events/s a lane) sleeps until it, adding nothing.
     */
    static final long SEND_QUANTUM_NANOS = 500_000;
    /** Measured Call-IDs read {@code <prefix><lane>-<sequence>}. */
    public static final String MEASURED_PREFIX = "syn-";
    /**
     * How long after its phase's end a lane behind schedule still pushes. Then it stops: a schedule the
     * producer cannot keep (or a Redis that stalled it) would otherwise go on pushing long after the measured
     * phase (23 million events for a 1 s phase at 10^9 events/s). What is left is counted as not sent.
     */
    private static final long LATE_STOP_NANOS = Duration.ofMillis(200).toNanos();

    private final QueueDriver ownDriver;
    /** Opens lane k's connection: to the one queue, or to the queue lane k pushes to when there are several. */
    private final IntFunction<QueueProducer> laneProducers;
    /** The queue pattern every lane pushes with: how many commands a push sends. */
    private final QueuePattern pattern;
    private final RateProfile rate;
    private final Arrivals arrivals;
    /**
     * Where each lane splits its Poisson gaps, in lane order: one splitter for the measured phase and one for the
     * warm-ups, so that the measured gaps are the seed's whatever number of seconds the warm-up ran.
     */
    private final SplittableRandom measuredGaps;
    private final SplittableRandom warmupGaps;
    private final Duration duration;
    private final int lanes;
    private final LatencyRecorder lagRecorder;
    private final LatencyRecorder pushRoundTripRecorder;
    private final String measuredPrefix;
    private final Cores cores = Cores.forThisProcess();
    /** Why the last phase's lanes could not be pinned, or null. */
    private volatile String pinFailure;
    /** Set by {@link #stop}: every lane stops, counting the rest of its schedule as not sent. */
    private volatile boolean stopped;
    /** The Call-IDs the measured phase pushed; set once {@link #measure} has run. */
    private volatile SequenceIds measuredPushed;

    /**
     * Opens the producer's own {@link #PRODUCER_CLIENT} driver with {@code settings}; {@link #close()} closes it.
     *
     * @param lagRecorder           push sent − intended send time, per event
     * @param pushRoundTripRecorder Redis's acknowledgement − push sent, per event
     */
    public SyntheticLoad(ClientSettings settings, QueueSpec spec, RateProfile rate, Arrivals arrivals,
                         RandomDraws draws, Duration duration, int lanes, LatencyRecorder lagRecorder,
                         LatencyRecorder pushRoundTripRecorder) {
        this(QueueDrivers.open(PRODUCER_CLIENT, settings), spec, rate, arrivals, draws, duration, lanes, lagRecorder,
                pushRoundTripRecorder);
    }

    private SyntheticLoad(QueueDriver driver, QueueSpec spec, RateProfile rate, Arrivals arrivals, RandomDraws draws,
                          Duration duration, int lanes, LatencyRecorder lagRecorder,
                          LatencyRecorder pushRoundTripRecorder) {
        this(driver, spec.pattern(), lane -> driver.createProducer(spec), rate, arrivals, draws, duration, lanes,
                lagRecorder, pushRoundTripRecorder, MEASURED_PREFIX);
    }

    /**
     * A producer whose lanes push where {@code laneProducers} connects them, with {@link #PRODUCER_CLIENT}
     * connections the caller owns: a shard of a run over several queues (a Redis Cluster's hash slots) spreads
     * its Call-IDs over them lane by lane, and its measured Call-IDs start with {@code measuredPrefix}, a
     * Call-ID space of its own, so that the merged accounting can tell the shards' events apart.
     */
    public SyntheticLoad(QueuePattern pattern, IntFunction<QueueProducer> laneProducers, RateProfile rate,
                         Arrivals arrivals, RandomDraws draws, Duration duration, int lanes, LatencyRecorder lagRecorder,
                         LatencyRecorder pushRoundTripRecorder, String measuredPrefix) {
        this(null, pattern, laneProducers, rate, arrivals, draws, duration, lanes, lagRecorder, pushRoundTripRecorder,
                measuredPrefix);
    }

    /** @param ownDriver the driver {@link #close()} closes, or null when the caller owns the connections */
    private SyntheticLoad(QueueDriver ownDriver, QueuePattern pattern, IntFunction<QueueProducer> laneProducers,
                          RateProfile rate, Arrivals arrivals, RandomDraws draws, Duration duration, int lanes,
                          LatencyRecorder lagRecorder, LatencyRecorder pushRoundTripRecorder, String measuredPrefix) {
        this.ownDriver = ownDriver;
        this.laneProducers = laneProducers;
        this.pattern = pattern;
        this.measuredPrefix = measuredPrefix;
        this.rate = rate;
        this.arrivals = arrivals;
        SplittableRandom arrivalsDraws = draws.arrivals();
        this.measuredGaps = arrivalsDraws.split();
        this.warmupGaps = arrivalsDraws.split();
        this.duration = duration;
        this.lanes = lanes;
        this.lagRecorder = lagRecorder;
        this.pushRoundTripRecorder = pushRoundTripRecorder;
    }

    /**
     * Where the producer runs: given 4 or more CPUs, its lanes on the first two this process may use and every
     * other thread of the JVM (the workers among them) on the rest, so that producer and consumers do not take
     * each other's time slices; on fewer, shared, and why. Pinned with taskset once the lanes run (see
     * {@link CpuPinning}).
     */
    record Cores(String producerCpus, String otherCpus, String notPinnedBecause) {
        static final String LANE_THREAD_PREFIX = "producer-";
        private static final int PRODUCER_CPUS = 2;

        static Cores forThisProcess() {
            return forCpus(CpuPinning.processCpus());
        }

        static Cores forCpus(List<Integer> cpus) {
            if (cpus.size() < 2 * PRODUCER_CPUS) {
                return new Cores(null, null, cpus.size() + " cores: pinning needs 4 or more, so that producer and "
                        + "consumers each keep 2");
            }
            return new Cores(CpuPinning.cpuList(cpus.subList(0, PRODUCER_CPUS)),
                    CpuPinning.cpuList(cpus.subList(PRODUCER_CPUS, cpus.size())), null);
        }

        boolean pins() {
            return producerCpus != null;
        }
    }

    @Override
    public void warmUp(Duration length, String callIdPrefix) {
        if (!length.isZero()) {
            // Recorded and thrown away: the warm-up runs the measured code path, recording included.
            runSchedule(length, new Identities(callIdPrefix, lanes), warmupGaps,
                    new LatencyRecorder(lagRecorder.metric()), new LatencyRecorder(pushRoundTripRecorder.metric()));
        }
    }

    @Override
    public LoadOutcome measure() {
        double durationSeconds = duration.toNanos() / 1e9;
        long startMicros = WallClock.nowMicros();
        Identities identities = new Identities(measuredPrefix, lanes);
        LaneTotals totals = runSchedule(duration, identities, measuredGaps, lagRecorder, pushRoundTripRecorder);
        measuredPushed = identities.pushed();
        long endMicros = WallClock.nowMicros();
        double target = rate.meanRatePerSec(durationSeconds);
        double pushingSeconds = (totals.lastSendMicros() - totals.firstIntendedMicros()) / 1e6;
        ProducerStats producer = ProducerStats.of(target, durationSeconds, pushingSeconds, totals.pushed(), totals.failed(),
                totals.notSent()).by(PRODUCER_CLIENT, pinFailure == null && cores.pins(),
                cores.pins() ? pinFailure : cores.notPinnedBecause()).withFailureCauses(identities.failureCounts());
        ExpectedEvents expected = ExpectedEvents.byIdentity(identities.pushed(), identities.failed());
        return new LoadOutcome(expected, startMicros, endMicros, null, producer, Map.of(), totals.pushCommands(),
                totals.failedCommands(), List.of());
    }

    /** What the measured phase pushed (Redis acknowledged); complete once {@link #measure} has returned. */
    public SequenceIds pushed() {
        if (measuredPushed == null) {
            throw new IllegalStateException("the measured phase has not run");
        }
        return measuredPushed;
    }

    @Override
    public void stop() {
        stopped = true;
    }

    @Override
    public Map<String, String> describe() {
        return Map.of("load", "synthetic", "rate", rate.describe(), "arrivals", arrivals.name().toLowerCase(),
                "producerConnections", Integer.toString(lanes), "producerClient", PRODUCER_CLIENT,
                "producerQuantumMicros", Long.toString(SEND_QUANTUM_NANOS / 1_000));
    }

    @Override
    public void close() {
        // every phase closed the producer connections it opened; the driver goes with the load
        if (ownDriver != null) {
            ownDriver.close();
        }
    }

    /** Every other thread off the producer's cores first (threads started later inherit that), then the lanes on them. */
    private void pin() {
        CpuPinning.Result others = CpuPinning.pinProcess(cores.otherCpus());
        CpuPinning.Result lanes = others.ok()
                ? CpuPinning.pinThreads(Cores.LANE_THREAD_PREFIX, this.lanes, cores.producerCpus()) : others;
        pinFailure = lanes.ok() ? null : lanes.failure();
    }

    private record LaneTotals(long pushed, long failed, long notSent, long firstIntendedMicros, long lastSendMicros,
                              long pushCommands, long failedCommands) {
    }

    /**
     * The Call-IDs of one phase, by lane: those Redis acknowledged and those whose push failed, and the
     * failed ones counted by Redis's error class.
     */
    private record Identities(SequenceIds pushed, SequenceIds failed, Map<String, LongAdder> failureCauses) {
        Identities(String callIdPrefix, int lanes) {
            this(new SequenceIds(callIdPrefix, lanes), new SequenceIds(callIdPrefix, lanes), new ConcurrentHashMap<>());
        }

        Map<String, Long> failureCounts() {
            Map<String, Long> counts = new TreeMap<>();
            failureCauses.forEach((cause, count) -> counts.put(cause, count.sum()));
            return counts;
        }
    }

    private LaneTotals runSchedule(Duration phase, Identities identities, SplittableRandom gaps, LatencyRecorder lag,
                                   LatencyRecorder roundTrip) {
        // Connect before the clock starts, so that connection set-up does not show as producer lag.
        List<QueueProducer> producers = new ArrayList<>();
        try {
            for (int lane = 0; lane < lanes; lane++) {
                producers.add(laneProducers.apply(lane));
            }
            return runSchedule(phase, identities, gaps, lag, roundTrip, producers);
        } finally {
            producers.forEach(QueueProducer::close);
        }
    }

    private LaneTotals runSchedule(Duration phase, Identities identities, SplittableRandom gaps, LatencyRecorder lag,
                                   LatencyRecorder roundTrip, List<QueueProducer> producers) {
        long phaseNanos = phase.toNanos();
        long startNanos = System.nanoTime();
        long wallStartMicros = WallClock.nowMicros();
        AtomicLong pushed = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong notSent = new AtomicLong();
        AtomicLong pushCommands = new AtomicLong();
        AtomicLong failedCommands = new AtomicLong();
        AtomicLong lastSendMicros = new AtomicLong(wallStartMicros);
        List<Thread> threads = new ArrayList<>();
        for (int lane = 0; lane < lanes; lane++) {
            Lane worker = new Lane(lane, producers.get(lane), identities, gaps.split(), startNanos, wallStartMicros,
                    phaseNanos, lag, roundTrip, pushed, failed, notSent, pushCommands, failedCommands, lastSendMicros);
            Thread thread = new Thread(worker, Cores.LANE_THREAD_PREFIX + lane);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        if (cores.pins()) {
            pin();
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while producing", e);
            }
        }
        return new LaneTotals(pushed.get(), failed.get(), notSent.get(), wallStartMicros, lastSendMicros.get(),
                pushCommands.get(), failedCommands.get());
    }

    /** A push sent and not yet accounted: its first event's sequence number in the lane, and when it was sent. */
    private record InFlight(SentPush sent, long firstSequence, long sentMicros) {
    }

    /** Put after a lane's last push: its reply reader stops there. */
    private static final InFlight END_OF_LANE = new InFlight(SentPush.settled(0, null), -1, -1);

    /**
     * One share of the schedule: every lane-th arrival, on a connection of its own. The lane's thread writes its
     * pushes without waiting for their replies; a second thread reads them ({@link QueueProducer#send}).
     */
    private final class Lane implements Runnable {
        private final int lane;
        private final QueueProducer producer;
        private final Identities identities;
        private final long startNanos;
        private final long wallStartMicros;
        private final long phaseNanos;
        private final LatencyRecorder lag;
        private final LatencyRecorder roundTrip;
        private final AtomicLong pushed;
        private final AtomicLong failed;
        private final AtomicLong notSent;
        private final AtomicLong pushCommands;
        private final AtomicLong failedCommands;
        private final AtomicLong lastSendMicros;
        private final SplittableRandom random;
        /** Pushes written whose replies the reply reader has not read yet, oldest first. */
        private final BlockingQueue<InFlight> sentPushes = new LinkedBlockingQueue<>();
        /** Permits to send: {@link #MAX_IN_FLIGHT_PUSHES} less the pushes whose replies are not read yet. */
        private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT_PUSHES);

        Lane(int lane, QueueProducer producer, Identities identities, SplittableRandom random, long startNanos,
             long wallStartMicros,
             long phaseNanos, LatencyRecorder lag, LatencyRecorder roundTrip, AtomicLong pushed, AtomicLong failed, AtomicLong notSent,
             AtomicLong pushCommands, AtomicLong failedCommands, AtomicLong lastSendMicros) {
            this.lane = lane;
            this.producer = producer;
            this.identities = identities;
            this.startNanos = startNanos;
            this.wallStartMicros = wallStartMicros;
            this.phaseNanos = phaseNanos;
            this.lag = lag;
            this.roundTrip = roundTrip;
            this.pushed = pushed;
            this.failed = failed;
            this.notSent = notSent;
            this.pushCommands = pushCommands;
            this.failedCommands = failedCommands;
            this.lastSendMicros = lastSendMicros;
            this.random = random;
        }

        @Override
        public void run() {
            Thread replyReader = new Thread(this::readReplies, Thread.currentThread().getName() + REPLY_READER_SUFFIX);
            replyReader.setDaemon(true);
            replyReader.start();
            try {
                runSchedule();
            } finally {
                sentPushes.add(END_OF_LANE);
                awaitEnd(replyReader);
                ThreadCpu.beforeExit();  // the lane ends before the run's cost is read: keep its counters
            }
        }

        private void runSchedule() {
            double phaseSeconds = phaseNanos / 1e9;
            // Lanes interleave: lane k's first arrival is k arrivals into the schedule.
            double nextNanos = lane * gapNanos(0, phaseSeconds, 1);
            long sequence = 0;
            List<String> pipeline = new ArrayList<>(MAX_PIPELINE);
            long[] intendedMicros = new long[MAX_PIPELINE];
            long lastSendNanos = Long.MIN_VALUE / 2;
            while (nextNanos < phaseNanos) {
                long nowNanos = System.nanoTime() - startNanos;
                if (nowNanos >= phaseNanos + LATE_STOP_NANOS || stopped) {
                    notSent.addAndGet(arrivalsLeft(nextNanos, phaseSeconds));
                    return;
                }
                long sendAtNanos = Math.max((long) Math.ceil(nextNanos), lastSendNanos + SEND_QUANTUM_NANOS);
                if (sendAtNanos > nowNanos) {
                    LockSupport.parkNanos(sendAtNanos - nowNanos);
                    continue;
                }
                // At the limit the lane waits here, its schedule running on: what falls due meanwhile is late, and
                // its lag says by how much (open loop).
                inFlight.acquireUninterruptibly();
                nowNanos = System.nanoTime() - startNanos;
                lastSendNanos = nowNanos;
                while (nextNanos <= nowNanos && nextNanos < phaseNanos && pipeline.size() < MAX_PIPELINE) {
                    long intended = wallStartMicros + (long) (nextNanos / 1_000);
                    String callId = identities.pushed().callId(lane, sequence++);
                    intendedMicros[pipeline.size()] = intended;
                    pipeline.add(PayloadFormat.JSON.encode(new CallEvent(callId, EventKind.INVITE, intended)));
                    nextNanos += gapNanos(nextNanos / 1e9, phaseSeconds, lanes);
                }
                send(pipeline, intendedMicros, sequence - pipeline.size());
            }
        }

        /**
         * Writes the pipeline, whose Call-IDs carry the sequence numbers from {@code firstSequence} on, and hands
         * it to the reply reader without waiting for Redis's reply. Every event sent has its lag recorded,
         * whatever then becomes of it.
         */
        private void send(List<String> pipeline, long[] intendedMicros, long firstSequence) {
            long sentMicros = wallStartMicros + (System.nanoTime() - startNanos) / 1_000;
            lastSendMicros.accumulateAndGet(sentMicros, Math::max);
            SentPush sent = producer.send(pipeline);
            for (int i = 0; i < pipeline.size(); i++) {
                lag.recordMicros(sentMicros - intendedMicros[i]);
            }
            sentPushes.add(new InFlight(sent, firstSequence, sentMicros));
            pipeline.clear();
        }

        /**
         * The lane's second thread: reads the replies of its pushes in the order they were sent, and counts each
         * event pushed or failed (with Redis's error class) by identity, and the push's round trip.
         */
        private void readReplies() {
            try {
                for (InFlight push = takeSent(); push != END_OF_LANE; push = takeSent()) {
                    account(push);
                }
            } finally {
                ThreadCpu.beforeExit();
            }
        }

        /** Waits for the push's replies and accounts every event of it; then the lane may send one more. */
        private void account(InFlight push) {
            try {
                push.sent().awaitReplies((from, count, failure) -> account(push, from, count, failure));
            } finally {
                inFlight.release();
            }
        }

        private void account(InFlight push, int from, int count, RuntimeException failure) {
            long firstSequence = push.firstSequence() + from;
            if (failure == null) {
                long acknowledgedMicros = wallStartMicros + (System.nanoTime() - startNanos) / 1_000;
                pushed.addAndGet(count);
                identities.pushed().add(lane, firstSequence, count);
                pushCommands.addAndGet(commands(count));
                roundTrip.recordMicros(acknowledgedMicros - push.sentMicros(), count);
            } else {
                failed.addAndGet(count);
                identities.failed().add(lane, firstSequence, count);
                identities.failureCauses().computeIfAbsent(RedisErrorClass.of(failure), cause -> new LongAdder())
                        .add(count);
                failedCommands.addAndGet(commands(count));
            }
        }

        private InFlight takeSent() {
            while (true) {
                try {
                    return sentPushes.take();
                } catch (InterruptedException e) {
                    // the lane ends only once every push it sent is accounted: keep reading
                }
            }
        }

        private static void awaitEnd(Thread replyReader) {
            boolean interrupted = false;
            while (replyReader.isAlive()) {
                try {
                    replyReader.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        /** This lane's arrivals from {@code nextNanos} to the end of the phase. */
        private long arrivalsLeft(double nextNanos, double phaseSeconds) {
            long left = 0;
            for (double at = nextNanos; at < phaseNanos; at += gapNanos(at / 1e9, phaseSeconds, lanes)) {
                left++;
            }
            return left;
        }

        /**
         * Commands that carried {@code events} of one push: its one multi-value RPUSH, or one XADD per event
         * ({@link QueueProducer#push}).
         */
        private long commands(int events) {
            return pattern == QueuePattern.STREAM ? events : 1;
        }

        /** The gap to this lane's next arrival: every lane-th arrival of the whole schedule. */
        private double gapNanos(double elapsedSeconds, double phaseSeconds, int arrivalsAhead) {
            double meanGapNanos = 1e9 / rate.ratePerSecAt(elapsedSeconds, phaseSeconds);
            if (arrivals == Arrivals.CONSTANT) {
                return meanGapNanos * arrivalsAhead;
            }
            double gap = 0;
            for (int i = 0; i < arrivalsAhead; i++) {
                gap += -Math.log(1 - random.nextDouble()) * meanGapNanos;
            }
            return gap;
        }
    }
}
