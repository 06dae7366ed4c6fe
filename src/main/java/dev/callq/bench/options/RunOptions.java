package dev.callq.bench.options;

import dev.callq.bench.DurationText;
import dev.callq.bench.driver.QueueDrivers;
import dev.callq.bench.driver.QueuePattern;
import dev.callq.bench.env.LocalRedis;
import dev.callq.bench.env.RedisEndpoint;
import dev.callq.bench.env.RedisPersistence;
import dev.callq.bench.event.PayloadFormat;
import dev.callq.bench.fault.FaultSpec;
import dev.callq.bench.load.LoadKind;
import dev.callq.bench.load.RateProfile;
import dev.callq.bench.load.SyntheticLoad;
import dev.callq.bench.netem.RoundTrip;
import dev.callq.bench.result.Role;
import dev.callq.bench.result.Shard;
import dev.callq.bench.sip.EnqueuedEvents;
import dev.callq.bench.sip.ExternalKamailio;
import dev.callq.bench.sip.ExternalUas;
import dev.callq.bench.sip.KamailioSizing;
import dev.callq.bench.work.ServiceTime;
import dev.callq.bench.work.Work;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The options of one {@code callq run}, each declared once, as JMH's {@code Options}: a field whose {@code @Option}
 * says its name, its default ({@code defaultValue}, which the help prints as {@code ${DEFAULT-VALUE}}), its help
 * text and how its text is read into its type and checked ({@code converter}, see {@link OptionText}). The command
 * line fills the fields ({@code callq run} takes this class as a mixin); code starts from {@link #defaults()} or
 * {@link #of} and sets fields. A forked run (a sweep cell, a max-rate probe, a planner's run) receives the object
 * itself, written by {@link RunOptionsFile} from these declarations. {@link #toConfig} makes the checked
 * {@link RunConfig} a run executes.
 * <p>
 * A field without a {@code defaultValue} is null when not given: its default depends on another option
 * ({@code --rate} on {@code --load}, {@code --events} on {@code --payload}, {@code --kamailio-shm-mb} on the rate),
 * or not given means none, or "callq starts its own" ({@code --fault}, {@code --redis}, {@code --kamailio}):
 * {@link #toConfig} decides those.
 */
public final class RunOptions {
    /** The environment variable {@code --redis} is read from when the option is not given. */
    public static final String REDIS_ENV = "CALLQ_REDIS";
    /** How {@code --redis} names a Redis Cluster: {@code redis-cluster://host:port,host:port,…} (seeds). */
    public static final String CLUSTER_SCHEME = "redis-cluster://";
    /** Above this an added round trip is a partition, not a network: see {@code --fault redis-partition}. */
    public static final Duration MAX_REDIS_RTT = Duration.ofSeconds(1);
    private static final String REDIS = "--redis";

    @Option(names = "--client", completionCandidates = QueueDrivers.Names.class, defaultValue = RunDefaults.CLIENT,
            description = "${COMPLETION-CANDIDATES}, or all of them (also: both) (default: ${DEFAULT-VALUE})")
    public String client;

    @Option(names = "--workers", defaultValue = "4", description = "consumer threads, one connection each (default: ${DEFAULT-VALUE})")
    public int workers;

    @Option(names = "--load", defaultValue = "sip", converter = OptionText.Load.class,
            description = "sip (SIPp → Kamailio → Redis) or synthetic (open-loop producer) (default: ${DEFAULT-VALUE})")
    public LoadKind load;

    @Option(names = "--rate", description = "offered calls/s (sip, default " + RunDefaults.SIP_RATE_PER_SEC
            + ") or events/s (synthetic, default " + RunDefaults.SYNTHETIC_RATE_PER_SEC + "); "
            + "synthetic also takes steps:<r1>,<r2>@<s>s or ramp:<from>-<to>")
    public String rate;

    @Option(names = "--calls", description = "SIP calls in the measured phase (default: rate × "
            + RunDefaults.DURATION_SECONDS + " s)")
    public Long calls;

    @Option(names = "--duration", description = "seconds of measured load (default " + RunDefaults.DURATION_SECONDS
            + "); not with --calls")
    public Double durationSeconds;

    @Option(names = "--warmup", defaultValue = "2", description = "seconds of warm-up load, consumed but not measured; "
            + "0 for none (default: ${DEFAULT-VALUE})")
    public double warmupSeconds;

    @Option(names = "--warmup-max", defaultValue = "" + RunDefaults.WARMUP_MAX_SECONDS, description = "the warm-up goes on "
            + "a second at a time while the JIT is still compiling, up to this many seconds (default: ${DEFAULT-VALUE})")
    public double warmupMaxSeconds;

    @Option(names = "--hold-ms", defaultValue = "200", description = "SIP call hold time between ACK and BYE (default: ${DEFAULT-VALUE})")
    public long holdMillis;

    @Option(names = "--payload", defaultValue = "json", converter = OptionText.Payload.class, description = "json "
            + "(Call-ID, kind, enqueue stamp) or callid (bare Call-ID, the seed format) (default: ${DEFAULT-VALUE})")
    public PayloadFormat payload;

    @Option(names = "--pattern", defaultValue = RunDefaults.PATTERN_NAME, converter = OptionText.Pattern.class,
            description = "blpop, reliable, batch or stream (default: ${DEFAULT-VALUE})")
    public QueuePattern pattern;

    @Option(names = "--batch-size", defaultValue = "16", description = "events per pop for batch and stream (default: ${DEFAULT-VALUE})")
    public int batchSize;

    @Option(names = "--service-time", defaultValue = RunDefaults.SERVICE_TIME_SPEC, converter = OptionText.Service.class,
            description = "work per event: none, fixed:3ms, exp:3ms, lognormal:3ms,1.5 (default: ${DEFAULT-VALUE})")
    public ServiceTime serviceTime;

    @Option(names = "--work", defaultValue = RunDefaults.WORK_MODE_NAME, converter = OptionText.WorkMode.class,
            description = "how the work is done: sleep or spin (CPU) (default: ${DEFAULT-VALUE})")
    public Work.Mode workMode;

    @Option(names = "--arrivals", defaultValue = "constant", converter = OptionText.Arrivals.class,
            description = "synthetic arrivals: constant or poisson (default: ${DEFAULT-VALUE})")
    public SyntheticLoad.Arrivals arrivals;

    @Option(names = "--seed", description = "seed of the random draws (Poisson arrivals, random work); the same seed "
            + "replays the same draws (default: a new seed each run, written to summary.json)")
    public Long seed;

    @Option(names = "--producer-connections", defaultValue = "1", description = "synthetic producer connections, each a lane of the schedule (default: ${DEFAULT-VALUE})")
    public int producerConnections;

    @Option(names = "--pop-timeout-ms", defaultValue = "1000", description = "bound on each blocking pop (default: ${DEFAULT-VALUE})")
    public long popTimeoutMillis;

    @Option(names = "--drain-timeout", defaultValue = "30", description = "seconds to wait for the queue to empty after "
            + "the load (default: ${DEFAULT-VALUE})")
    public long drainTimeoutSeconds;

    @Option(names = "--resp", defaultValue = "2", description = "RESP version both clients are pinned to: 2 or 3 (default: ${DEFAULT-VALUE})")
    public int respVersion;

    /** The URL as given, with its password: {@link RunOptionsFile} keeps it out of files, and {@link #toString} out of logs. */
    @Option(names = REDIS, defaultValue = "${env:" + REDIS_ENV + "}",
            description = "use this Redis instead of starting one: host:port, "
            + "redis://[user:password@]host:port[/db], rediss://… (TLS) or "
            + "redis-sentinel://host:port[,host:port]/mastername[/db], or a Redis Cluster as "
            + "redis-cluster://host:port,… (with --role producer or consumer); default: the environment variable "
            + REDIS_ENV + ", which keeps a password out of the process list")
    public String redis;

    @Option(names = "--kamailio-shm-mb", description = "Kamailio's shared memory in MB (default: 64 + 0.25 per call/s, "
            + "rounded up to 64: 128 at 100 calls/s, 320 at 1,000)")
    public Integer kamailioShmMb;

    @Option(names = "--kamailio-children", defaultValue = "" + KamailioSizing.DEFAULT_CHILDREN,
            description = "Kamailio SIP worker processes (default: ${DEFAULT-VALUE})")
    public int kamailioChildren;

    @Option(names = "--key", defaultValue = "callq:events", description = "the Redis key of the queue (default: ${DEFAULT-VALUE})")
    public String key;

    @Option(names = "--events", converter = OptionText.Events.class, description = "which SIP requests Kamailio "
            + "enqueues: invite or invite,bye (default: invite,bye for --payload json, invite for callid)")
    public EnqueuedEvents events;

    @Option(names = "--kamailio-cfg", description = "run this Kamailio script instead of kamailio/kamailio.cfg "
            + "(it must follow the script contract in docs/own-system.md)")
    public Path kamailioCfg;

    @Option(names = "--redis-ca", paramLabel = "FILE", description = "CA certificate (PEM) a rediss:// server's "
            + "certificate must chain to (default: the JVM's trusted CAs)")
    public Path redisCaFile;

    // Flags take an optional true/false, so that a sweep file's options (redis-sentinel: true) can set them.
    @Option(names = "--redis-auth", arity = "0..1", defaultValue = "false",
            description = "start Redis with a random password for an ACL user of the run")
    public boolean redisAuth;

    @Option(names = "--redis-tls", arity = "0..1", defaultValue = "false",
            description = "start Redis with TLS only, its certificate from a throwaway CA")
    public boolean redisTls;

    @Option(names = "--client-timeout-ms", description = "the clients' command and socket timeout (default: the pop "
            + "timeout + 2000); at or below the pop timeout Lettuce abandons pops the server still serves, and the "
            + "events popped into them are lost: the run shows them")
    public Long clientTimeoutMillis;

    @Option(names = "--role", defaultValue = "all", converter = OptionText.RoleText.class, description = "all "
            + "(everything in this process), or one role of a run spread over several processes: producer, consumer, "
            + "sip-load (SIPp and Kamailio as a producer) (default: ${DEFAULT-VALUE})")
    public Role role;

    @Option(names = "--shard", defaultValue = "0/1", converter = OptionText.ShardText.class, description = "I/N: this "
            + "process is shard I (from 0) of N of its role; producers and sip-load take 1/N of the rate, consumers "
            + "1/N of the workers (default: ${DEFAULT-VALUE})")
    public Shard shard;

    /** Test-only: plays a host whose clock is off, to check that the shards' clock alignment removes it. */
    @Option(names = "--clock-skew-ms", hidden = true, defaultValue = "0")
    public long clockSkewMillis;

    @Option(names = "--redis-rtt", converter = OptionText.Rtt.class, description = "round-trip time to add between "
            + "every party and Redis, through a proxy on loopback, such as 0.5ms, or 0.5ms~0.2ms for a round trip "
            + "drawn within 0.5 ms ± 0.2 ms: sizes a run for a real network (default: none)")
    public RoundTrip redisRtt;

    @Option(names = "--uac-scenario", paramLabel = "FILE", description = "the SIPp UAC scenario to run instead of "
            + "sipp-scenarios/uac.xml (it must send INVITE, and BYE with --events invite,bye)")
    public Path uacScenario;

    @Option(names = "--uas-scenario", paramLabel = "FILE", description = "the SIPp UAS scenario to run instead of "
            + "sipp-scenarios/uas.xml")
    public Path uasScenario;

    @Option(names = "--kamailio", paramLabel = "HOST:PORT", converter = OptionText.Kamailio.class, description = "send "
            + "the calls to a Kamailio you started (its script relays each INVITE to the Request-URI, callq's UAS); "
            + "callq starts only SIPp and the workers")
    public ExternalKamailio kamailio;

    @Option(names = "--redis-stall-ms", hidden = true, description = "during the measured phase, pause Redis's "
            + "writers for this long (CLIENT PAUSE … WRITE), then serve 1 s, and again: a slow Redis, for the "
            + "redis-latency-vs-pdd sweep")
    public Long redisStallMillis;

    @Option(names = "--fault", paramLabel = "SPEC", converter = OptionText.Fault.class, description = "inject a fault "
            + "into the measured phase (repeatable): redis-pause:3s@5s, redis-restart@5s, consumer-crash:1@5s, "
            + "kamailio-restart@5s, sip-loss:5%%; through the proxy to Redis (side /workers, /producer or /all): "
            + "redis-latency:2ms~1ms@5s-15s (round trip ± jitter), redis-partition:4s@5s, redis-reset@5s, "
            + "redis-bandwidth:8mbit@5s-15s (bits/s each way: kbit, mbit, gbit); see docs/faults.md")
    public List<FaultSpec> faults;

    @Option(names = "--redis-persistence", defaultValue = "none", converter = OptionText.Persistence.class,
            description = "how the Redis callq starts keeps its data across a restart: ${DEFAULT-VALUE} (default), "
            + "aof (fsync every second) or aof-always (fsync every write)")
    public RedisPersistence redisPersistence;

    @Option(names = "--redis-sentinel", arity = "0..1", defaultValue = "false", description = "start a primary, a "
            + "replica and three sentinels instead of one Redis; the clients connect through redis-sentinel:// "
            + "(for --fault redis-failover@T)")
    public boolean redisSentinel;

    @Option(names = "--profile", arity = "0..1", defaultValue = "false", description = "record a JFR profile "
            + "(settings \"profile\") of each client's measured phase to <client>.jfr; the report shows its top frames")
    public boolean profile;

    @Option(names = "--uas", paramLabel = "HOST:PORT", converter = OptionText.Uas.class, description = "with "
            + "--kamailio: address each INVITE to a SIPp UAS you started (answering as sipp-scenarios/uas.xml does), "
            + "which your Kamailio relays to; callq starts no UAS")
    public ExternalUas uas;

    /** For picocli, which fills the fields; code starts from {@link #defaults()} or {@link #of}. */
    private RunOptions() {
    }

    /**
     * Reads {@code callq run} arguments (without {@code --out}) exactly as the command does, {@code --redis} from
     * {@value #REDIS_ENV} when not given: how a forked run's options and a sweep file's are read.
     *
     * @throws IllegalArgumentException with a one-line message for an unknown option or a bad value
     */
    public static RunOptions parse(List<String> args) {
        RunOptions options = new RunOptions();
        try {
            new CommandLine(options).parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(OptionText.errorMessage(e));
        }
        return options;
    }

    /** Every option at its default, for code to set; the Redis is the one code sets, never the environment's. */
    public static RunOptions defaults() {
        return of();
    }

    /**
     * Options built by code as the command line spells them ({@code RunOptions.of("--load", "synthetic")}); the
     * Redis is the one given here, never the environment's.
     */
    public static RunOptions of(String... args) {
        RunOptions options = parse(List.of(args));
        if (Arrays.stream(args).noneMatch(arg -> arg.equals(REDIS) || arg.startsWith(REDIS + "="))) {
            options.redis = null;
        }
        return options;
    }

    /** A copy to change without changing these. */
    public RunOptions copy() {
        RunOptions copy = new RunOptions();
        for (Field field : RunOptions.class.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers())) {
                try {
                    field.set(copy, field.get(this));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot copy RunOptions." + field.getName(), e);
                }
            }
        }
        copy.faults = faults == null ? null : List.copyOf(faults);
        return copy;
    }

    /**
     * The options that differ from their defaults, as {@code callq run} arguments (a flag as {@code --profile true}):
     * what to show a user, or to type again. Parsing them gives these options back.
     */
    public List<String> toArgs() {
        Map<String, List<String>> defaults = defaults().spelled();
        List<String> args = new ArrayList<>();
        spelled().forEach((name, values) -> {
            if (!values.equals(defaults.get(name))) {
                values.forEach(value -> args.addAll(List.of(name, value)));
            }
        });
        return args;
    }

    /** Each option's value as the command line spells it, by option name, in declaration order; unset ones left out. */
    Map<String, List<String>> spelled() {
        Map<String, List<String>> spelled = new LinkedHashMap<>();
        for (OptionSpec option : CommandSpec.forAnnotatedObject(this).options()) {
            Object value = option.getValue();
            Collection<?> values = value == null ? List.of() : value instanceof Collection<?> list ? list : List.of(value);
            if (!values.isEmpty()) {   // no --fault at all and an empty list of them spell the same
                spelled.put(option.longestName(), values.stream().map(item -> text(option, item)).toList());
            }
        }
        return spelled;
    }

    private static String text(OptionSpec option, Object value) {
        return option.converters().length > 0 && option.converters()[0] instanceof OptionText<?> text
                ? text.text(value) : String.valueOf(value);
    }

    /** Equal options spell the same command line. */
    @Override
    public boolean equals(Object other) {
        return other instanceof RunOptions options && spelled().equals(options.spelled());
    }

    @Override
    public int hashCode() {
        return spelled().hashCode();
    }

    /** The options as arguments, the Redis URL left out: it may hold a password. */
    @Override
    public String toString() {
        Map<String, List<String>> spelled = spelled();
        spelled.computeIfPresent(REDIS, (name, url) -> List.of("(withheld)"));
        return spelled.toString();
    }

    /**
     * Checks the options and fills in the defaults that depend on other options.
     *
     * @throws IllegalArgumentException with a one-line message naming the option
     */
    public RunConfig toConfig(Path outDir) {
        RunRules.requireOneLength(calls, durationSeconds);
        RateProfile rateProfile = RateProfile.parse(rate != null ? rate : Long.toString(RunDefaults.ratePerSec(load)));
        double ratePerSec = rateProfile.meanRatePerSec(1);
        long measuredCalls;
        Duration duration;
        if (calls != null) {
            if (load != LoadKind.SIP) {
                throw new IllegalArgumentException("--calls needs --load sip; use --duration for synthetic load");
            }
            measuredCalls = requirePositive(calls, "--calls");
            duration = Duration.ofNanos((long) (measuredCalls / ratePerSec * 1e9));
        } else {
            double seconds = durationSeconds != null ? durationSeconds : RunDefaults.DURATION_SECONDS;
            if (!(seconds > 0)) {
                throw new IllegalArgumentException("--duration must be positive, not " + seconds);
            }
            duration = Duration.ofNanos((long) (seconds * 1e9));
            measuredCalls = Math.max(1, Math.round(ratePerSec * seconds));
        }
        if (!(warmupSeconds >= 0) || !(warmupMaxSeconds >= 0)) {
            throw new IllegalArgumentException("--warmup and --warmup-max must not be negative");
        }
        Warmup warmup = new Warmup(Duration.ofNanos((long) (warmupSeconds * 1e9)),
                Duration.ofNanos((long) (warmupMaxSeconds * 1e9)));
        RoundTrip roundTrip = requireRtt(redisRtt != null ? redisRtt : RoundTrip.NONE);
        List<RedisEndpoint> cluster = redis != null && redis.startsWith(CLUSTER_SCHEME) ? parseClusterSeeds(redis) : List.of();
        RedisEndpoint endpoint = !cluster.isEmpty() ? cluster.get(0)
                : RunRules.withCaFile(redis == null ? null : RedisEndpoint.parse(redis), redisCaFile);
        RunConfig config = new RunConfig(QueueDrivers.select(client), workers, load,
                rateProfile, measuredCalls, duration, warmup,
                Duration.ofMillis(requireNonNegative(holdMillis, "--hold-ms")),
                payload, pattern, (int) requirePositive(batchSize, "--batch-size"), serviceTime, workMode, arrivals,
                (int) requirePositive(producerConnections, "--producer-connections"),
                Duration.ofMillis(requirePositive(popTimeoutMillis, "--pop-timeout-ms")),
                Duration.ofSeconds(requirePositive(drainTimeoutSeconds, "--drain-timeout")),
                respVersion, endpoint, outDir, kamailioShmMb, key,
                events != null ? events : EnqueuedEvents.defaultFor(payload), kamailioCfg,
                // ndb_redis logs in as the default user only: on a SIP run, that user gets the run's password too.
                new LocalRedis.Security(redisAuth, redisTls, load == LoadKind.SIP),
                clientTimeoutMillis == null ? null
                        : Duration.ofMillis(requirePositive(clientTimeoutMillis, "--client-timeout-ms")),
                roundTrip.rtt(), uacScenario, uasScenario, kamailio,
                redisStallMillis == null ? null : Duration.ofMillis(requirePositive(redisStallMillis, "--redis-stall-ms")),
                faults == null ? List.of() : faults, redisPersistence, startsSentinels(), profile,
                role, shard, clockSkewMillis, cluster, uas, roundTrip.jitter(), this);
        RunRules.requireAllowed(config);
        return config;
    }

    /**
     * {@code --redis-sentinel}, or a {@code redis-failover} fault on the Redis callq starts: a failover needs
     * the primary, replica and sentinels, so asking for it is asking for them (a sweep's faults axis can then
     * mix a failover with faults on one Redis).
     */
    private boolean startsSentinels() {
        boolean failover = faults != null && faults.stream().anyMatch(f -> f.kind() == FaultSpec.Kind.REDIS_FAILOVER);
        return redisSentinel || (failover && redis == null);
    }

    /** Reads an enum option in any letter case; a bad value is a one-line error listing the choices. */
    public static <E extends Enum<E>> E parseEnum(Class<E> type, String value, String option) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> names = Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
            throw new IllegalArgumentException(option + " must be one of " + String.join(", ", names)
                    + ", not '" + value + "'");
        }
    }

    /** Reads the seeds of {@code --redis redis-cluster://host:port,…}. */
    public static List<RedisEndpoint> parseClusterSeeds(String text) {
        List<RedisEndpoint> seeds = new ArrayList<>();
        for (String seed : text.substring(CLUSTER_SCHEME.length()).split(",")) {
            if (!seed.isBlank()) {
                seeds.add(RedisEndpoint.parse(seed.strip()));
            }
        }
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("--redis " + CLUSTER_SCHEME + " needs at least one host:port");
        }
        return List.copyOf(seeds);
    }

    /** Reads and checks {@code --redis-rtt 0.5ms} or, with jitter, {@code --redis-rtt 0.5ms~0.2ms}. */
    public static RoundTrip parseRtt(String text) {
        return requireRtt(RoundTrip.parse(text, "--redis-rtt"));
    }

    private static RoundTrip requireRtt(RoundTrip roundTrip) {
        if (roundTrip.rtt().compareTo(MAX_REDIS_RTT) > 0) {
            throw new IllegalArgumentException("--redis-rtt must be between 0 and " + MAX_REDIS_RTT.toMillis()
                    + " ms, not " + DurationText.format(roundTrip.rtt().toNanos()));
        }
        return roundTrip;
    }

    private static long requirePositive(long value, String option) {
        if (value < 1) {
            throw new IllegalArgumentException(option + " must be at least 1, not " + value);
        }
        return value;
    }

    private static long requireNonNegative(long value, String option) {
        if (value < 0) {
            throw new IllegalArgumentException(option + " must not be negative, not " + value);
        }
        return value;
    }
}
