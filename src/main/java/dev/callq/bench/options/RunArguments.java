package dev.callq.bench.options;

import dev.callq.bench.result.Shard;
import dev.callq.bench.driver.QueueDrivers;
import dev.callq.bench.driver.QueuePattern;
import dev.callq.bench.env.RedisEndpoint;
import dev.callq.bench.env.RedisPersistence;
import dev.callq.bench.event.PayloadFormat;
import dev.callq.bench.fault.FaultSpec;
import dev.callq.bench.load.LoadKind;
import dev.callq.bench.load.SyntheticLoad;
import dev.callq.bench.netem.RoundTrip;
import dev.callq.bench.result.Role;
import dev.callq.bench.work.ServiceTime;
import dev.callq.bench.work.Work;
import dev.callq.bench.sip.EnqueuedEvents;
import dev.callq.bench.sip.ExternalKamailio;
import dev.callq.bench.sip.ExternalUas;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * The options of {@code callq run} as the command line spells them, read by picocli: a mixin of the
 * command, and the reader of arguments written for a forked run. An option not given stays null, so
 * that {@link RunOptions} holds only what was given and {@link RunOptions#toConfig} fills in the
 * defaults, which the help names.
 */
public final class RunArguments {
    @Option(names = "--client", completionCandidates = QueueDrivers.Names.class,
            description = "${COMPLETION-CANDIDATES}, or all of them (also: both) (default: " + RunDefaults.CLIENT + ")")
    String client;

    @Option(names = "--workers", description = "consumer threads, one connection each (default: " + RunDefaults.WORKERS + ")")
    Integer workers;

    @Option(names = "--load", description = "sip (SIPp → Kamailio → Redis) or synthetic (open-loop producer) (default: " + RunDefaults.LOAD_NAME + ")")
    String load;

    @Option(names = "--rate", description = "offered calls/s (sip, default " + RunDefaults.SIP_RATE_PER_SEC
            + ") or events/s (synthetic, default " + RunDefaults.SYNTHETIC_RATE_PER_SEC + "); "
            + "synthetic also takes steps:<r1>,<r2>@<s>s or ramp:<from>-<to>")
    String rate;

    @ArgGroup(exclusive = true)
    Length length = new Length();

    static final class Length {
        @Option(names = "--calls", description = "SIP calls in the measured phase (default: rate × "
                + RunDefaults.DURATION_SECONDS + " s)")
        Long calls;

        @Option(names = "--duration", description = "seconds of measured load (default "
                + RunDefaults.DURATION_SECONDS + ")")
        Double durationSeconds;
    }

    @Option(names = "--warmup", description = "seconds of warm-up load, consumed but not measured; "
            + "0 for none (default: " + RunDefaults.WARMUP_SECONDS + ")")
    Double warmupSeconds;

    @Option(names = "--warmup-max", description = "the warm-up goes on a second at a time while the "
            + "JIT is still compiling, up to this many seconds (default: " + RunDefaults.WARMUP_MAX_SECONDS + ")")
    Double warmupMaxSeconds;

    @Option(names = "--hold-ms", description = "SIP call hold time between ACK and BYE (default: " + RunDefaults.HOLD_MILLIS + ")")
    Long holdMillis;

    @Option(names = "--payload", description = "json (Call-ID, kind, enqueue stamp) or callid (bare Call-ID, the seed format) (default: " + RunDefaults.PAYLOAD_NAME + ")")
    String payload;

    @Option(names = "--pattern", description = "blpop, reliable, batch or stream (default: " + RunDefaults.PATTERN_NAME + ")")
    String pattern;

    @Option(names = "--batch-size", description = "events per pop for batch and stream (default: " + RunDefaults.BATCH_SIZE + ")")
    Integer batchSize;

    @Option(names = "--service-time", description = "work per event: none, fixed:3ms, exp:3ms, lognormal:3ms,1.5 (default: " + RunDefaults.SERVICE_TIME_SPEC + ")")
    String serviceTime;

    @Option(names = "--work", description = "how the work is done: sleep or spin (CPU) (default: " + RunDefaults.WORK_MODE_NAME + ")")
    String workMode;

    @Option(names = "--arrivals", description = "synthetic arrivals: constant or poisson (default: " + RunDefaults.ARRIVALS_NAME + ")")
    String arrivals;

    @Option(names = "--producer-connections", description = "synthetic producer connections (default: " + RunDefaults.PRODUCER_CONNECTIONS + ")")
    Integer producerConnections;

    @Option(names = "--pop-timeout-ms", description = "bound on each blocking pop (default: " + RunDefaults.POP_TIMEOUT_MILLIS + ")")
    Long popTimeoutMillis;

    @Option(names = "--drain-timeout", description = "seconds to wait for the queue to empty after the load (default: " + RunDefaults.DRAIN_TIMEOUT_SECONDS + ")")
    Long drainTimeoutSeconds;

    @Option(names = "--resp", description = "RESP version both clients are pinned to: 2 or 3 (default: " + RunDefaults.RESP_VERSION + ")")
    Integer respVersion;

    /** The environment variable {@code --redis} is read from when the option is not given. */
    public static final String REDIS_ENV = "CALLQ_REDIS";

    @Option(names = "--redis", defaultValue = "${env:" + REDIS_ENV + "}",
            description = "use this Redis instead of starting one: host:port, "
            + "redis://[user:password@]host:port[/db], rediss://… (TLS) or "
            + "redis-sentinel://host:port[,host:port]/mastername[/db], or a Redis Cluster as "
            + "redis-cluster://host:port,… (with --role producer or consumer); default: the environment variable "
            + REDIS_ENV + ", which keeps a password out of the process list")
    String redis;

    @Option(names = "--kamailio-shm-mb", description = "Kamailio's shared memory in MB (default: 64 + 0.25 per call/s, "
            + "rounded up to 64: 128 at 100 calls/s, 320 at 1,000)")
    Integer kamailioShmMb;

    @Option(names = "--kamailio-children", description = "Kamailio SIP worker processes (default: " + RunDefaults.KAMAILIO_CHILDREN + ")")
    Integer kamailioChildren;

    @Option(names = "--key", description = "the Redis key of the queue (default: " + RunDefaults.KEY + ")")
    String key;

    @Option(names = "--events", description = "which SIP requests Kamailio enqueues: invite or invite,bye "
            + "(default: invite,bye for --payload json, invite for callid)")
    String events;

    @Option(names = "--kamailio-cfg", description = "run this Kamailio script instead of kamailio/kamailio.cfg "
            + "(it must follow the script contract in docs/own-system.md)")
    Path kamailioCfg;
    @Option(names = "--redis-ca", paramLabel = "FILE", description = "CA certificate (PEM) a rediss:// server's "
            + "certificate must chain to (default: the JVM's trusted CAs)")
    Path redisCaFile;

    // Flags take an optional true/false, so that a sweep file's options (redis-sentinel: true) can set them.
    @Option(names = "--redis-auth", arity = "0..1", description = "start Redis with a random password for an ACL user of the run")
    Boolean redisAuth;

    @Option(names = "--redis-tls", arity = "0..1", description = "start Redis with TLS only, its certificate from a throwaway CA")
    Boolean redisTls;

    @Option(names = "--client-timeout-ms", description = "the clients' command and socket timeout (default: the pop "
            + "timeout + 2000); at or below the pop timeout Lettuce abandons pops the server still serves, and the "
            + "events popped into them are lost: the run shows them")
    Long clientTimeoutMillis;

    @Option(names = "--role", description = "all (everything in this process), or one role of a run spread over "
            + "several processes: producer, consumer, sip-load (SIPp and Kamailio as a producer) (default: " + RunDefaults.ROLE_NAME + ")")
    String role;

    @Option(names = "--shard", description = "I/N: this process is shard I (from 0) of N of its role; producers "
            + "and sip-load take 1/N of the rate, consumers 1/N of the workers (default: " + RunDefaults.SHARD_SPEC + ")")
    String shard;

    /** Test-only: plays a host whose clock is off, to check that the shards' clock alignment removes it. */
    @Option(names = "--clock-skew-ms", hidden = true)
    Long clockSkewMillis;

    @Option(names = "--redis-rtt", description = "round-trip time to add between every party and Redis, through a "
            + "proxy on loopback, such as 0.5ms, or 0.5ms~0.2ms for a round trip drawn within 0.5 ms ± 0.2 ms: "
            + "sizes a run for a real network (default: none)")
    String redisRtt;

    @Option(names = "--uac-scenario", paramLabel = "FILE", description = "the SIPp UAC scenario to run instead of "
            + "sipp-scenarios/uac.xml (it must send INVITE, and BYE with --events invite,bye)")
    Path uacScenario;

    @Option(names = "--uas-scenario", paramLabel = "FILE", description = "the SIPp UAS scenario to run instead of "
            + "sipp-scenarios/uas.xml")
    Path uasScenario;

    @Option(names = "--kamailio", paramLabel = "HOST:PORT", description = "send the calls to a Kamailio you started "
            + "(its script relays each INVITE to the Request-URI, callq's UAS); callq starts only SIPp and the workers")
    String kamailio;

    @Option(names = "--redis-stall-ms", hidden = true, description = "during the measured phase, pause Redis's "
            + "writers for this long (CLIENT PAUSE … WRITE), then serve 1 s, and again: a slow Redis, for the "
            + "redis-latency-vs-pdd sweep")
    Long redisStallMillis;

    @Option(names = "--fault", paramLabel = "SPEC", description = "inject a fault into the measured phase "
            + "(repeatable): redis-pause:3s@5s, redis-restart@5s, consumer-crash:1@5s, kamailio-restart@5s, "
            + "sip-loss:5%%; through the proxy to Redis (side /workers, /producer or /all): redis-latency:2ms~1ms@5s-15s "
            + "(round trip ± jitter), redis-partition:4s@5s, redis-reset@5s, redis-bandwidth:8mbit@5s-15s "
            + "(bits/s each way: kbit, mbit, gbit); see docs/faults.md")
    List<String> faults;

    @Option(names = "--redis-persistence", description = "how the Redis callq starts keeps its data across a "
            + "restart: " + RunDefaults.REDIS_PERSISTENCE_NAME + " (default), aof (fsync every second) or aof-always (fsync every write)")
    String redisPersistence;

    @Option(names = "--redis-sentinel", arity = "0..1", description = "start a primary, a replica and three sentinels instead of "
            + "one Redis; the clients connect through redis-sentinel:// (for --fault redis-failover@T)")
    Boolean redisSentinel;

    @Option(names = "--profile", arity = "0..1", description = "record a JFR profile (settings \"profile\") of each "
            + "client's measured phase to <client>.jfr; the report shows its top frames")
    Boolean profile;

    @Option(names = "--uas", paramLabel = "HOST:PORT", description = "with --kamailio: address each INVITE to a SIPp "
            + "UAS you started (answering as sipp-scenarios/uas.xml does), which your Kamailio relays to; callq "
            + "starts no UAS")
    String uas;

    /**
     * Reads {@code callq run} arguments (without {@code --out}) exactly as the command does: how the
     * options of a forked run written elsewhere (a sweep file's) are read and checked before it starts.
     *
     * @throws IllegalArgumentException with a one-line message for an unknown option or a bad value
     */
    public static RunOptions parse(List<String> args) {
        RunArguments arguments = new RunArguments();
        try {
            new CommandLine(arguments).parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        return arguments.toOptions();
    }

    /** The options given, typed; a bad value is a one-line error naming the option. */
    public RunOptions toOptions() {
        RoundTrip roundTrip = redisRoundTrip();
        return RunOptions.builder()
                .client(client)
                .load(parsed(load, text -> RunOptions.parseEnum(LoadKind.class, text, "--load")))
                .pattern(parsed(pattern, text -> RunOptions.parseEnum(QueuePattern.class, text, "--pattern")))
                .workers(workers)
                .rate(rate)
                .serviceTime(parsed(serviceTime, ServiceTime::parse))
                .workMode(parsed(workMode, text -> RunOptions.parseEnum(Work.Mode.class, text, "--work")))
                .arrivals(parsed(arrivals, text -> RunOptions.parseEnum(SyntheticLoad.Arrivals.class, text, "--arrivals")))
                .warmupSeconds(warmupSeconds)
                .warmupMaxSeconds(warmupMaxSeconds)
                .calls(length.calls)
                .durationSeconds(length.durationSeconds)
                .drainTimeoutSeconds(drainTimeoutSeconds)
                .holdMillis(holdMillis)
                .payload(parsed(payload, text -> RunOptions.parseEnum(PayloadFormat.class, text, "--payload")))
                .batchSize(batchSize)
                .producerConnections(producerConnections)
                .popTimeoutMillis(popTimeoutMillis)
                .respVersion(respVersion)
                .redis(clusterSeeds() != null ? clusterSeeds().get(0) : redisEndpoint())
                .redisCluster(clusterSeeds())
                .kamailioShmMb(kamailioShmMb)
                .kamailioChildren(kamailioChildren)
                .key(key)
                .events(parsed(events, EnqueuedEvents::parse))
                .kamailioCfg(kamailioCfg)
                .redisAuth(redisAuth)
                .redisTls(redisTls)
                .clientTimeoutMillis(clientTimeoutMillis)
                .redisRtt(roundTrip == null ? null : roundTrip.rtt())
                .redisRttJitter(roundTrip == null || roundTrip.jitter().isZero() ? null : roundTrip.jitter())
                .uacScenario(uacScenario)
                .uasScenario(uasScenario)
                .kamailio(parsed(kamailio, ExternalKamailio::parse))
                .uas(parsed(uas, ExternalUas::parse))
                .redisStallMillis(redisStallMillis)
                .faults(faults == null ? null : faults.stream().map(FaultSpec::parse).toList())
                .redisPersistence(parsed(redisPersistence, RedisPersistence::parse))
                .redisSentinel(redisSentinel)
                .profile(profile)
                .role(parsed(role, Role::parse))
                .shard(parsed(shard, Shard::parse))
                .clockSkewMillis(clockSkewMillis)
                .build();
    }

    /** An option given as text, read into its type; null when it was not given. */
    private static <T> T parsed(String text, Function<String, T> parse) {
        return text == null ? null : parse.apply(text);
    }

    private RoundTrip redisRoundTrip() {
        return redisRtt == null ? null : RunOptions.parseRtt(redisRtt);
    }

    private List<RedisEndpoint> clusterSeeds() {
        return redis != null && redis.startsWith(RunOptions.CLUSTER_SCHEME) ? RunOptions.parseClusterSeeds(redis) : null;
    }

    /** {@code --redis}, its certificates checked against {@code --redis-ca} when that is given. */
    private RedisEndpoint redisEndpoint() {
        return RunRules.withCaFile(redis == null ? null : RedisEndpoint.parse(redis), redisCaFile);
    }
}
