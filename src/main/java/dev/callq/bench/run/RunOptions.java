package dev.callq.bench.run;

import dev.callq.bench.DurationText;
import dev.callq.bench.driver.QueueDrivers;
import dev.callq.bench.driver.QueuePattern;
import dev.callq.bench.env.LocalRedis;
import dev.callq.bench.env.RedisEndpoint;
import dev.callq.bench.env.RedisPersistence;
import dev.callq.bench.event.PayloadFormat;
import dev.callq.bench.load.RateProfile;
import dev.callq.bench.load.SyntheticLoad;
import dev.callq.bench.sip.EnqueuedEvents;
import dev.callq.bench.sip.ExternalKamailio;
import dev.callq.bench.sip.ExternalUas;
import dev.callq.bench.work.ServiceTime;
import dev.callq.bench.work.Work;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The options of one {@code callq run}, typed, as JMH's {@code Options}: what the command line gives,
 * or what code builds for a forked run (a sweep cell, a planner run, a max-rate probe). A null option
 * takes the default below. {@link #toArgs} is the one place that spells options as arguments;
 * {@link #toConfig} is the one place that checks them and fills in the defaults.
 *
 * @param client  a registered client, or {@code all} (or {@code both}) for every one
 * @param rate    as {@code --rate} takes it: {@code 4000}, {@code steps:…}, {@code ramp:…}
 * @param redis   an external Redis, with its login and CA file; spelled with its password only in
 *                {@link #toArgs}, for the child process that {@code ForkedRun} hands it to privately
 * @param redisAuth {@code --redis-auth}: the Redis the run starts has a password
 * @param redisTls  {@code --redis-tls}: the Redis the run starts speaks TLS only
 * @param redisRtt round-trip time added between every party and Redis (through the network proxy)
 * @param uacScenario {@code --uac-scenario}: the user's SIPp UAC scenario; likewise {@code uasScenario}
 * @param kamailio  {@code --kamailio}: a Kamailio the user started, which takes the SIP load
 * @param uas       {@code --uas}: a SIPp UAS the user started, which their Kamailio relays the calls to
 * @param redisStallMillis {@code --redis-stall-ms}: Redis's writers paused this long, then 1 s of service, in the measured phase
 * @param faults    {@code --fault}, repeatable: faults injected into the measured phase
 * @param redisPersistence {@code --redis-persistence}: how the Redis the run starts keeps its data
 * @param redisSentinel {@code --redis-sentinel}: the run starts a primary, a replica and three sentinels
 * @param profile  {@code --profile}: record a JFR profile of each client's measured phase
 * @param redisRttJitter the jitter of {@code --redis-rtt 0.5ms~0.2ms}: each round trip is drawn within redisRtt ± it
 */
public record RunOptions(String client,
                         LoadKind load,
                         QueuePattern pattern,
                         Integer workers,
                         String rate,
                         ServiceTime serviceTime,
                         Work.Mode workMode,
                         SyntheticLoad.Arrivals arrivals,
                         Double warmupSeconds,
                         Double warmupMaxSeconds,
                         Long calls,
                         Double durationSeconds,
                         Long drainTimeoutSeconds,
                         Long holdMillis,
                         PayloadFormat payload,
                         Integer batchSize,
                         Integer producerConnections,
                         Long popTimeoutMillis,
                         Integer respVersion,
                         RedisEndpoint redis,
                         Integer kamailioShmMb,
                         Integer kamailioChildren,
                         String key,
                         EnqueuedEvents events,
                         Path kamailioCfg,
                         Boolean redisAuth,
                         Boolean redisTls,
                         Long clientTimeoutMillis,
                         Duration redisRtt,
                         Path uacScenario,
                         Path uasScenario,
                         ExternalKamailio kamailio,
                         Long redisStallMillis,
                         List<FaultSpec> faults,
                         RedisPersistence redisPersistence,
                         Boolean redisSentinel,
                         Boolean profile,
                         Role role,
                         Shard shard,
                         Long clockSkewMillis,
                         List<RedisEndpoint> redisCluster,
                         ExternalUas uas,
                         Duration redisRttJitter) {

    /** Above this an added round trip is a partition, not a network: see {@code --fault redis-partition}. */
    public static final Duration MAX_REDIS_RTT = Duration.ofSeconds(1);

    /** Options built by code start here: nothing set, every option at its default. */
    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .client(client)
                .load(load)
                .pattern(pattern)
                .workers(workers)
                .rate(rate)
                .serviceTime(serviceTime)
                .workMode(workMode)
                .arrivals(arrivals)
                .warmupSeconds(warmupSeconds)
                .warmupMaxSeconds(warmupMaxSeconds)
                .calls(calls)
                .durationSeconds(durationSeconds)
                .drainTimeoutSeconds(drainTimeoutSeconds)
                .holdMillis(holdMillis)
                .payload(payload)
                .batchSize(batchSize)
                .producerConnections(producerConnections)
                .popTimeoutMillis(popTimeoutMillis)
                .respVersion(respVersion)
                .redis(redis)
                .kamailioShmMb(kamailioShmMb)
                .kamailioChildren(kamailioChildren)
                .key(key)
                .events(events)
                .kamailioCfg(kamailioCfg)
                .redisAuth(redisAuth)
                .redisTls(redisTls)
                .clientTimeoutMillis(clientTimeoutMillis)
                .redisRtt(redisRtt)
                .uacScenario(uacScenario)
                .uasScenario(uasScenario)
                .kamailio(kamailio)
                .redisStallMillis(redisStallMillis)
                .faults(faults)
                .redisPersistence(redisPersistence)
                .redisSentinel(redisSentinel)
                .profile(profile)
                .role(role)
                .shard(shard)
                .clockSkewMillis(clockSkewMillis)
                .redisCluster(redisCluster)
                .uas(uas)
                .redisRttJitter(redisRttJitter);
    }

    /** The set options as {@code callq run} arguments, without {@code --out}; parsing them gives these options back. */
    public List<String> toArgs() {
        List<String> args = new ArrayList<>();
        add(args, "--client", client, () -> client);
        add(args, "--load", load, () -> load.cliName());
        add(args, "--pattern", pattern, () -> pattern.cliName());
        add(args, "--workers", workers, () -> String.valueOf(workers));
        add(args, "--rate", rate, () -> rate);
        add(args, "--service-time", serviceTime, () -> serviceTime.spec());
        add(args, "--work", workMode, () -> workMode.cliName());
        add(args, "--arrivals", arrivals, () -> arrivals.name().toLowerCase(Locale.ROOT));
        add(args, "--warmup", warmupSeconds, () -> String.valueOf(warmupSeconds));
        add(args, "--warmup-max", warmupMaxSeconds, () -> String.valueOf(warmupMaxSeconds));
        add(args, "--calls", calls, () -> String.valueOf(calls));
        add(args, "--duration", durationSeconds, () -> String.valueOf(durationSeconds));
        add(args, "--drain-timeout", drainTimeoutSeconds, () -> String.valueOf(drainTimeoutSeconds));
        add(args, "--hold-ms", holdMillis, () -> String.valueOf(holdMillis));
        add(args, "--payload", payload, () -> payload.cliName());
        add(args, "--batch-size", batchSize, () -> String.valueOf(batchSize));
        add(args, "--producer-connections", producerConnections, () -> String.valueOf(producerConnections));
        add(args, "--pop-timeout-ms", popTimeoutMillis, () -> String.valueOf(popTimeoutMillis));
        add(args, "--resp", respVersion, () -> String.valueOf(respVersion));
        add(args, "--redis", redisCluster == null ? redis : null, () -> redis.urlWithPassword());
        add(args, "--redis", redisCluster, () -> CLUSTER_SCHEME + String.join(",",
                redisCluster.stream().map(RedisEndpoint::urlWithPassword).toList()));
        add(args, "--redis-ca", redis == null ? null : redis.caFile(), () -> redis.caFile().toString());
        add(args, "--kamailio-shm-mb", kamailioShmMb, () -> String.valueOf(kamailioShmMb));
        add(args, "--kamailio-children", kamailioChildren, () -> String.valueOf(kamailioChildren));
        add(args, "--key", key, () -> key);
        add(args, "--events", events, () -> events.cliName());
        add(args, "--kamailio-cfg", kamailioCfg, () -> kamailioCfg.toString());
        addFlag(args, "--redis-auth", redisAuth);
        addFlag(args, "--redis-tls", redisTls);
        add(args, "--client-timeout-ms", clientTimeoutMillis, () -> String.valueOf(clientTimeoutMillis));
        add(args, "--redis-rtt", redisRtt != null ? redisRtt : redisRttJitter,
                () -> RoundTrip.text(or(redisRtt, Duration.ZERO), or(redisRttJitter, Duration.ZERO)));
        add(args, "--uac-scenario", uacScenario, () -> uacScenario.toString());
        add(args, "--uas-scenario", uasScenario, () -> uasScenario.toString());
        add(args, "--kamailio", kamailio, () -> kamailio.toString());
        add(args, "--redis-stall-ms", redisStallMillis, () -> String.valueOf(redisStallMillis));
        if (faults != null) {
            faults.forEach(fault -> add(args, "--fault", fault, fault::toString));
        }
        add(args, "--redis-persistence", redisPersistence, () -> redisPersistence.cliName());
        addFlag(args, "--redis-sentinel", redisSentinel);
        addFlag(args, "--profile", profile);
        add(args, "--role", role, () -> role.cliName());
        add(args, "--shard", shard, () -> shard.toString());
        add(args, "--clock-skew-ms", clockSkewMillis, () -> String.valueOf(clockSkewMillis));
        add(args, "--uas", uas, () -> uas.toString());
        return args;
    }

    private static void addFlag(List<String> args, String option, Boolean value) {
        if (Boolean.TRUE.equals(value)) {
            args.add(option);
        }
    }

    private static void add(List<String> args, String option, Object value, Supplier<String> text) {
        if (value != null) {
            args.add(option);
            args.add(text.get());
        }
    }

    /**
     * Checks the options and fills in the defaults.
     *
     * @throws IllegalArgumentException with a one-line message naming the option
     */
    public RunConfig toConfig(Path outDir) {
        LoadKind loadKind = or(load, RunDefaults.LOAD);
        RateProfile rateProfile = RateProfile.parse(rate != null ? rate : loadKind.defaultRate());
        double ratePerSec = rateProfile.meanRatePerSec(1);
        long measuredCalls;
        Duration duration;
        RunRules.requireOneLength(calls, durationSeconds);
        if (calls != null) {
            if (loadKind != LoadKind.SIP) {
                throw new IllegalArgumentException("--calls needs --load sip; use --duration for synthetic load");
            }
            measuredCalls = requirePositive(calls, "--calls");
            duration = Duration.ofNanos((long) (measuredCalls / ratePerSec * 1e9));
        } else {
            double seconds = durationSeconds != null ? durationSeconds : loadKind.defaultDurationSeconds();
            if (!(seconds > 0)) {
                throw new IllegalArgumentException("--duration must be positive, not " + seconds);
            }
            duration = Duration.ofNanos((long) (seconds * 1e9));
            measuredCalls = Math.max(1, Math.round(ratePerSec * seconds));
        }
        double warmupMinimum = or(warmupSeconds, RunDefaults.WARMUP_SECONDS);
        double warmupMaximum = or(warmupMaxSeconds, (double) RunDefaults.WARMUP_MAX_SECONDS);
        if (!(warmupMinimum >= 0) || !(warmupMaximum >= 0)) {
            throw new IllegalArgumentException("--warmup and --warmup-max must not be negative");
        }
        Warmup warmup = new Warmup(Duration.ofNanos((long) (warmupMinimum * 1e9)),
                Duration.ofNanos((long) (warmupMaximum * 1e9)));
        PayloadFormat payloadFormat = or(payload, RunDefaults.PAYLOAD);
        RoundTrip redisRoundTrip = requireRtt(RoundTrip.checked(or(redisRtt, RunDefaults.REDIS_RTT),
                or(redisRttJitter, Duration.ZERO), "--redis-rtt"));
        RunConfig config = new RunConfig(QueueDrivers.select(or(client, RunDefaults.CLIENT)), or(workers, RunDefaults.WORKERS), loadKind,
                rateProfile, measuredCalls, duration, warmup,
                Duration.ofMillis(requireNonNegative(or(holdMillis, RunDefaults.HOLD_MILLIS), "--hold-ms")),
                payloadFormat, or(pattern, RunDefaults.PATTERN),
                (int) requirePositive(or(batchSize, RunDefaults.BATCH_SIZE), "--batch-size"),
                or(serviceTime, RunDefaults.SERVICE_TIME), or(workMode, RunDefaults.WORK_MODE),
                or(arrivals, RunDefaults.ARRIVALS),
                (int) requirePositive(or(producerConnections, RunDefaults.PRODUCER_CONNECTIONS), "--producer-connections"),
                Duration.ofMillis(requirePositive(or(popTimeoutMillis, RunDefaults.POP_TIMEOUT_MILLIS), "--pop-timeout-ms")),
                Duration.ofSeconds(requirePositive(or(drainTimeoutSeconds, RunDefaults.DRAIN_TIMEOUT_SECONDS), "--drain-timeout")),
                or(respVersion, RunDefaults.RESP_VERSION), redis, outDir, kamailioShmMb,
                or(kamailioChildren, RunDefaults.KAMAILIO_CHILDREN), or(key, RunDefaults.KEY),
                or(events, EnqueuedEvents.defaultFor(payloadFormat)), kamailioCfg,
                // ndb_redis logs in as the default user only: on a SIP run, that user gets the run's password too.
                new LocalRedis.Security(or(redisAuth, false), or(redisTls, false), loadKind == LoadKind.SIP),
                clientTimeoutMillis == null ? null
                        : Duration.ofMillis(requirePositive(clientTimeoutMillis, "--client-timeout-ms")),
                redisRoundTrip.rtt(),
                uacScenario, uasScenario, kamailio,
                redisStallMillis == null ? null : Duration.ofMillis(requirePositive(redisStallMillis, "--redis-stall-ms")),
                or(faults, List.of()), or(redisPersistence, RunDefaults.REDIS_PERSISTENCE), startsSentinels(),
                Boolean.TRUE.equals(profile),
                or(role, RunDefaults.ROLE), or(shard, RunDefaults.SHARD), or(clockSkewMillis, 0L), or(redisCluster, List.of()), uas,
                redisRoundTrip.jitter());
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
        return or(redisSentinel, false) || (failover && redis == null);
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

    /** How {@code --redis} names a Redis Cluster: {@code redis-cluster://host:port,host:port,…} (seeds). */
    public static final String CLUSTER_SCHEME = "redis-cluster://";

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

    private static <T> T or(T value, T defaultValue) {
        return value != null ? value : defaultValue;
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

    /** Builds options in code; an option not set keeps its default. */
    public static final class Builder {
        private String client;
        private LoadKind load;
        private QueuePattern pattern;
        private Integer workers;
        private String rate;
        private ServiceTime serviceTime;
        private Work.Mode workMode;
        private SyntheticLoad.Arrivals arrivals;
        private Double warmupSeconds;
        private Double warmupMaxSeconds;
        private Long calls;
        private Double durationSeconds;
        private Long drainTimeoutSeconds;
        private Long holdMillis;
        private PayloadFormat payload;
        private Integer batchSize;
        private Integer producerConnections;
        private Long popTimeoutMillis;
        private Integer respVersion;
        private RedisEndpoint redis;
        private Integer kamailioShmMb;
        private Integer kamailioChildren;
        private String key;
        private EnqueuedEvents events;
        private Path kamailioCfg;
        private Boolean redisAuth;
        private Boolean redisTls;
        private Long clientTimeoutMillis;
        private Duration redisRtt;
        private Path uacScenario;
        private Path uasScenario;
        private ExternalKamailio kamailio;
        private Long redisStallMillis;
        private List<FaultSpec> faults;
        private RedisPersistence redisPersistence;
        private Boolean redisSentinel;
        private Boolean profile;
        private Role role;
        private Shard shard;
        private Long clockSkewMillis;
        private List<RedisEndpoint> redisCluster;
        private ExternalUas uas;
        private Duration redisRttJitter;

        private Builder() {
        }

        public Builder client(String client) {
            this.client = client;
            return this;
        }

        public Builder load(LoadKind load) {
            this.load = load;
            return this;
        }

        public Builder pattern(QueuePattern pattern) {
            this.pattern = pattern;
            return this;
        }

        public Builder workers(Integer workers) {
            this.workers = workers;
            return this;
        }

        public Builder rate(String rate) {
            this.rate = rate;
            return this;
        }

        public Builder serviceTime(ServiceTime serviceTime) {
            this.serviceTime = serviceTime;
            return this;
        }

        public Builder workMode(Work.Mode workMode) {
            this.workMode = workMode;
            return this;
        }

        public Builder arrivals(SyntheticLoad.Arrivals arrivals) {
            this.arrivals = arrivals;
            return this;
        }

        public Builder warmupSeconds(Double warmupSeconds) {
            this.warmupSeconds = warmupSeconds;
            return this;
        }

        public Builder warmupMaxSeconds(Double warmupMaxSeconds) {
            this.warmupMaxSeconds = warmupMaxSeconds;
            return this;
        }

        public Builder calls(Long calls) {
            this.calls = calls;
            return this;
        }

        public Builder durationSeconds(Double durationSeconds) {
            this.durationSeconds = durationSeconds;
            return this;
        }

        public Builder drainTimeoutSeconds(Long drainTimeoutSeconds) {
            this.drainTimeoutSeconds = drainTimeoutSeconds;
            return this;
        }

        public Builder holdMillis(Long holdMillis) {
            this.holdMillis = holdMillis;
            return this;
        }

        public Builder payload(PayloadFormat payload) {
            this.payload = payload;
            return this;
        }

        public Builder batchSize(Integer batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        public Builder producerConnections(Integer producerConnections) {
            this.producerConnections = producerConnections;
            return this;
        }

        public Builder popTimeoutMillis(Long popTimeoutMillis) {
            this.popTimeoutMillis = popTimeoutMillis;
            return this;
        }

        public Builder respVersion(Integer respVersion) {
            this.respVersion = respVersion;
            return this;
        }

        public Builder redis(RedisEndpoint redis) {
            this.redis = redis;
            return this;
        }

        public Builder kamailioShmMb(Integer kamailioShmMb) {
            this.kamailioShmMb = kamailioShmMb;
            return this;
        }

        public Builder kamailioChildren(Integer kamailioChildren) {
            this.kamailioChildren = kamailioChildren;
            return this;
        }

        public Builder key(String key) {
            this.key = key;
            return this;
        }

        public Builder events(EnqueuedEvents events) {
            this.events = events;
            return this;
        }

        public Builder kamailioCfg(Path kamailioCfg) {
            this.kamailioCfg = kamailioCfg;
            return this;
        }

        public Builder role(Role role) {
            this.role = role;
            return this;
        }

        public Builder shard(Shard shard) {
            this.shard = shard;
            return this;
        }

        /** Test-only: see {@code --clock-skew-ms}. */
        public Builder clockSkewMillis(Long clockSkewMillis) {
            this.clockSkewMillis = clockSkewMillis;
            return this;
        }

        /** A Redis Cluster's seeds; {@code redis} is then the first of them. */
        public Builder redisCluster(List<RedisEndpoint> redisCluster) {
            this.redisCluster = redisCluster;
            return this;
        }

        public Builder redisAuth(Boolean redisAuth) {
            this.redisAuth = redisAuth;
            return this;
        }

        public Builder redisTls(Boolean redisTls) {
            this.redisTls = redisTls;
            return this;
        }

        public Builder clientTimeoutMillis(Long clientTimeoutMillis) {
            this.clientTimeoutMillis = clientTimeoutMillis;
            return this;
        }

        public Builder redisRtt(Duration redisRtt) {
            this.redisRtt = redisRtt;
            return this;
        }

        public Builder uacScenario(Path uacScenario) {
            this.uacScenario = uacScenario;
            return this;
        }

        public Builder uasScenario(Path uasScenario) {
            this.uasScenario = uasScenario;
            return this;
        }

        public Builder kamailio(ExternalKamailio kamailio) {
            this.kamailio = kamailio;
            return this;
        }

        public Builder redisStallMillis(Long redisStallMillis) {
            this.redisStallMillis = redisStallMillis;
            return this;
        }

        public Builder faults(List<FaultSpec> faults) {
            this.faults = faults == null ? null : List.copyOf(faults);
            return this;
        }

        public Builder redisPersistence(RedisPersistence redisPersistence) {
            this.redisPersistence = redisPersistence;
            return this;
        }

        public Builder redisSentinel(Boolean redisSentinel) {
            this.redisSentinel = redisSentinel;
            return this;
        }

        public Builder profile(Boolean profile) {
            this.profile = profile;
            return this;
        }

        public Builder uas(ExternalUas uas) {
            this.uas = uas;
            return this;
        }

        /** The jitter of {@code --redis-rtt}: set with {@link #redisRtt}, at most it. */
        public Builder redisRttJitter(Duration redisRttJitter) {
            this.redisRttJitter = redisRttJitter;
            return this;
        }

        public RunOptions build() {
            return new RunOptions(client, load, pattern, workers, rate, serviceTime, workMode, arrivals, warmupSeconds, warmupMaxSeconds, calls, durationSeconds, drainTimeoutSeconds, holdMillis, payload, batchSize, producerConnections, popTimeoutMillis, respVersion, redis,
                    kamailioShmMb, kamailioChildren, key, events, kamailioCfg, redisAuth, redisTls, clientTimeoutMillis, redisRtt,
                    uacScenario, uasScenario, kamailio, redisStallMillis, faults, redisPersistence,
                    redisSentinel, profile, role, shard, clockSkewMillis, redisCluster, uas, redisRttJitter);
        }
    }
}
