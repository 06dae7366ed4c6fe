package dev.callq.bench.options;

import dev.callq.bench.result.Shard;
import dev.callq.bench.driver.ClientSettings;
import dev.callq.bench.driver.LibrarySettings;
import dev.callq.bench.driver.QueuePattern;
import dev.callq.bench.driver.QueueSpec;
import dev.callq.bench.env.LocalRedis;
import dev.callq.bench.env.RedisEndpoint;
import dev.callq.bench.env.RedisPersistence;
import dev.callq.bench.event.PayloadFormat;
import dev.callq.bench.fault.FaultSpec;
import dev.callq.bench.fault.Faults;
import dev.callq.bench.load.LoadKind;
import dev.callq.bench.load.RateProfile;
import dev.callq.bench.load.SyntheticLoad;
import dev.callq.bench.netem.RoundTrip;
import dev.callq.bench.result.Role;
import dev.callq.bench.work.ServiceTime;
import dev.callq.bench.work.Work;
import dev.callq.bench.sip.EnqueuedEvents;
import dev.callq.bench.sip.ExternalKamailio;
import dev.callq.bench.sip.ExternalUas;
import dev.callq.bench.sip.KamailioSettings;
import dev.callq.bench.sip.KamailioSizing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything one run needs, fixed before it starts, checked and with defaults filled in: what
 * {@link RunOptions#toConfig} makes of the command line or of options built in code. An option used as given is
 * read from {@link #options()} ({@code options().kamailioChildren}); a component here is a value made before the
 * run starts (a duration from milliseconds, a rate's schedule, a default that depends on another option, the
 * Redis endpoint from its URL), or one that callers read here from before options were kept whole.
 *
 * @param clients        the clients to measure, one after the other, each on the same load
 * @param workers        consumer threads, each with its own connection
 * @param load           SIP or synthetic
 * @param rate           offered calls/s (SIP) or events/s (synthetic)
 * @param calls          SIP calls in the measured phase (derived from the duration when that is given)
 * @param duration       length of the measured phase
 * @param warmup         bounds of the warm-up phase, whose events are consumed but not measured
 * @param holdTime       how long SIPp holds each call between ACK and BYE
 * @param payload        the payload format Kamailio pushes
 * @param pattern        how workers pop (and acknowledge) events
 * @param batchSize      events per pop for the batch and stream patterns
 * @param serviceTime    simulated work per event; its {@code spec()} is the canonical text, e.g. "exp:3ms"
 * @param workMode       spin (CPU) or sleep
 * @param arrivals       synthetic arrival process
 * @param producerLanes  synthetic producer connections
 * @param popTimeout     bound on each blocking pop (and on how long a worker takes to stop)
 * @param drainTimeout   bound on the wait for the queue to empty after the load
 * @param respVersion    protocol version both clients are pinned to
 * @param redis          an external Redis to use instead of starting one, or null
 * @param outDir         the results folder
 * @param kamailioShmMb  Kamailio's shared memory in MB, or null to size it for the rate ({@link KamailioSizing})
 * @param key            the Redis key of the queue
 * @param events         which SIP requests Kamailio pushes an event for
 * @param kamailioCfg    the user's Kamailio script, or null for the bundled one
 * @param localRedis     how to secure the Redis the harness starts (unused with {@code redis})
 * @param clientTimeout  the clients' command timeout as asked for, or null for the pop timeout + 2 s
 * @param redisRtt       round-trip time added between every party and Redis by a network proxy; zero for none
 * @param uacScenario    the user's SIPp UAC scenario, or null for the bundled one
 * @param uasScenario    the user's SIPp UAS scenario, or null for the bundled one
 * @param kamailio       a Kamailio the user started, which takes the SIP load, or null to start one
 * @param redisStall     how long Redis's writers are paused, then served normally for {@link #REDIS_UNSTALLED},
 *                       over and over during the measured phase; null for never
 * @param faults         faults to inject into the measured phase ({@code --fault}), in the order given
 * @param redisPersistence how the Redis the harness starts persists its data ({@code --redis-persistence})
 * @param redisSentinel  start a primary, a replica and three sentinels instead of one Redis ({@code --redis-sentinel})
 * @param profile        record a JFR profile of each client's measured phase ({@code <client>.jfr})
 * @param role           what this process does: everything ({@link Role#ALL}) or one role of a sharded run
 * @param shard          which share of its role this process takes
 * @param clockSkewMillis test-only: a skew injected into this process's clock
 * @param redisCluster   the seeds of a Redis Cluster the queues are spread over ({@code redis} is the first);
 *                       empty for one Redis
 * @param uas            a SIPp UAS the user started, which their Kamailio relays the calls to, or null to start one
 * @param redisRttJitter how far each of {@code redisRtt}'s round trips is drawn from it, either way; zero for none
 * @param options        the options as given, defaults filled in: an option used as given (such as
 *                       {@code options().kamailioChildren}) is read from here, with no component of its own
 */
public record RunConfig(List<String> clients, int workers, LoadKind load, RateProfile rate, long calls,
                        Duration duration, Warmup warmup, Duration holdTime, PayloadFormat payload,
                        QueuePattern pattern, int batchSize, ServiceTime serviceTime, Work.Mode workMode,
                        SyntheticLoad.Arrivals arrivals, int producerLanes, Duration popTimeout,
                        Duration drainTimeout, int respVersion, RedisEndpoint redis, Path outDir,
                        Integer kamailioShmMb, String key, EnqueuedEvents events,
                        Path kamailioCfg, LocalRedis.Security localRedis, Duration clientTimeout, Duration redisRtt,
                        Path uacScenario, Path uasScenario, ExternalKamailio kamailio, Duration redisStall,
                        List<FaultSpec> faults, RedisPersistence redisPersistence, boolean redisSentinel,
                        boolean profile, Role role, Shard shard, long clockSkewMillis,
                        List<RedisEndpoint> redisCluster, ExternalUas uas, Duration redisRttJitter,
                        RunOptions options) {

    /** Between two stalls of {@code --redis-stall-ms}, Redis serves normally this long. */
    public static final Duration REDIS_UNSTALLED = Duration.ofSeconds(1);
    /**
     * Events a measured phase may schedule: 20 million JSON events take about 1.5 GB in Redis (some 75 bytes
     * each) should the workers fall behind, which this machine and a default Redis hold. More is refused.
     */
    public static final long MAX_MEASURED_EVENTS = 20_000_000;
    /** Worker threads, a Redis connection each; more is refused (Redis's own default maxclients is 10,000). */
    public static final int MAX_WORKERS = 1_000;
    /** Connections a run opens besides one per worker, producer lane and Kamailio worker: admins, probes. */
    public static final int OTHER_CONNECTIONS = 16;

    /**
     * The clients' settings: the timeout asked for, accepted even at or below the pop timeout so that the
     * run shows what it loses; otherwise two seconds above the pop timeout. A client settings file may pin
     * its own RESP version ({@code respVersion}: this run's when it does not).
     */
    public ClientSettings clientSettings(RedisEndpoint redis, QueueSpec spec, int respVersion) {
        return clientTimeout == null ? ClientSettings.forQueue(redis, respVersion, spec)
                : new ClientSettings(redis, respVersion, clientTimeout, true, LibrarySettings.DEFAULTS);
    }

    public RunConfig {
        clients = List.copyOf(clients);
        redisCluster = List.copyOf(redisCluster);
        // Kamailio and SIPp run in folders of their own: a relative path would point elsewhere for them.
        outDir = outDir.toAbsolutePath().normalize();
        if (workers < 1) {
            throw new IllegalArgumentException("--workers must be at least 1, not " + workers);
        }
        if (workers > MAX_WORKERS) {
            throw new IllegalArgumentException("--workers " + workers + " is above " + MAX_WORKERS
                    + " (a thread and a Redis connection each)");
        }
        // For synthetic load, calls holds the schedule's events. In double: --calls 3000000000 overflowed an int.
        double measuredEvents = load == LoadKind.SIP ? (double) calls * eventsPerCall(events) : calls;
        if (measuredEvents > MAX_MEASURED_EVENTS) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "the measured phase would schedule %,.0f events, above the %,d a run allows (about 1.5 GB "
                            + "in Redis); lower --rate, --duration or --calls", measuredEvents, MAX_MEASURED_EVENTS));
        }
        if (load == LoadKind.SIP) {
            KamailioSizing.requireValid(kamailioShmMb != null ? kamailioShmMb : KamailioSizing.sharedMemoryMb(1),
                    options.kamailioChildren);
        }
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("--key must not be empty");
        }
        kamailioCfg = kamailioCfg == null ? null : kamailioCfg.toAbsolutePath().normalize();
        uacScenario = uacScenario == null ? null : uacScenario.toAbsolutePath().normalize();
        uasScenario = uasScenario == null ? null : uasScenario.toAbsolutePath().normalize();
        faults = List.copyOf(faults);
        redisRttJitter = redisRttJitter == null ? Duration.ZERO : redisRttJitter;
        RoundTrip.checked(redisRtt, redisRttJitter, "--redis-rtt");
        options = options.copy();
    }

    /** The options as given, defaults filled in; a copy, as a run's configuration does not change. */
    @Override
    public RunOptions options() {
        return options.copy();
    }

    /** The SIPp -lost percentage a sip-loss fault asks for, or 0. */
    public double sipLossPercent() {
        return faults.stream().filter(f -> f.kind() == FaultSpec.Kind.SIP_LOSS).mapToDouble(FaultSpec::amount)
                .max().orElse(0);
    }

    /** What Kamailio is started with for this run, pushing to {@code redis} under {@code key}. */
    public KamailioSettings kamailioSettings(RedisEndpoint redis, String key) {
        return kamailioSettings(redis, redis, key);
    }

    /**
     * Kamailio pointed at {@code master}; when {@code asked} is a Sentinel endpoint, also told to ask its
     * sentinels for the master again on every reconnect.
     */
    public KamailioSettings kamailioSettings(RedisEndpoint master, RedisEndpoint asked, String key) {
        return new KamailioSettings(master, key, payload, events, kamailioCfg, kamailioSharedMemoryMb(), options.kamailioChildren,
                asked.kind() == RedisEndpoint.Kind.SENTINEL ? asked : null);
    }

    /** Kamailio's shared memory in MB: as given, or sized for the rate. */
    public int kamailioSharedMemoryMb() {
        return kamailioShmMb != null ? kamailioShmMb : KamailioSizing.sharedMemoryMb(rate.meanRatePerSec(1));
    }

    /** Events each SIP call pushes: the INVITE's, and the BYE's when those are enqueued too. */
    private static long eventsPerCall(EnqueuedEvents events) {
        return events.perCall();
    }

    /** Redis connections the run holds at once: one per worker, producer lane or Kamailio worker, and the others. */
    public int redisConnections() {
        return workers + (load == LoadKind.SYNTHETIC ? producerLanes : options.kamailioChildren) + OTHER_CONNECTIONS;
    }

    /** {@code --redis-rtt}: the round trip the proxy adds, and its jitter. */
    public RoundTrip redisRoundTrip() {
        return new RoundTrip(redisRtt, redisRttJitter);
    }

    /** The phases' events as a plain description for the summary. */
    public String describePhases() {
        String warmupLength = warmup.maximum().equals(warmup.minimum()) ? warmup.minimum().toMillis() / 1000.0 + " s"
                : warmup.minimum().toMillis() / 1000.0 + " s, longer while the JIT compiles (up to "
                + warmup.maximum().toMillis() / 1000.0 + " s)";
        return "warm-up " + warmupLength + " (excluded), measured " + duration.toMillis() / 1000.0
                + " s, drain up to " + drainTimeout.toSeconds() + " s";
    }
}
