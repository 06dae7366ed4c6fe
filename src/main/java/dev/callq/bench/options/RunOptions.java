package dev.callq.bench.options;

import dev.callq.bench.result.Shard;
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
import dev.callq.bench.sip.EnqueuedEvents;
import dev.callq.bench.sip.ExternalKamailio;
import dev.callq.bench.sip.ExternalUas;
import dev.callq.bench.work.ServiceTime;
import dev.callq.bench.work.Work;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
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

    /** A builder holding these options, to change some of them. */
    public Builder toBuilder() {
        return new Builder(this);
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
        RateProfile rateProfile = RateProfile.parse(rate != null ? rate : Long.toString(RunDefaults.ratePerSec(loadKind)));
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
            double seconds = durationSeconds != null ? durationSeconds : RunDefaults.DURATION_SECONDS;
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

    /**
     * Builds options in code; an option not set keeps its default. Each setter names its record component, so an
     * option is declared by the component and one setter: the builder holds the values in the components' order
     * and calls the canonical constructor.
     */
    public static final class Builder {
        private static final RecordComponent[] COMPONENTS = RunOptions.class.getRecordComponents();
        private final Object[] values = new Object[COMPONENTS.length];

        private Builder() {
        }

        private Builder(RunOptions options) {
            for (int i = 0; i < COMPONENTS.length; i++) {
                values[i] = invoke(COMPONENTS[i].getAccessor(), options);
            }
        }

        private Builder set(String component, Object value) {
            for (int i = 0; i < COMPONENTS.length; i++) {
                if (COMPONENTS[i].getName().equals(component)) {
                    values[i] = value;
                    return this;
                }
            }
            throw new IllegalStateException("RunOptions has no option " + component);
        }

        public Builder client(String client) {
            return set("client", client);
        }

        public Builder load(LoadKind load) {
            return set("load", load);
        }

        public Builder pattern(QueuePattern pattern) {
            return set("pattern", pattern);
        }

        public Builder workers(Integer workers) {
            return set("workers", workers);
        }

        public Builder rate(String rate) {
            return set("rate", rate);
        }

        public Builder serviceTime(ServiceTime serviceTime) {
            return set("serviceTime", serviceTime);
        }

        public Builder workMode(Work.Mode workMode) {
            return set("workMode", workMode);
        }

        public Builder arrivals(SyntheticLoad.Arrivals arrivals) {
            return set("arrivals", arrivals);
        }

        public Builder warmupSeconds(Double warmupSeconds) {
            return set("warmupSeconds", warmupSeconds);
        }

        public Builder warmupMaxSeconds(Double warmupMaxSeconds) {
            return set("warmupMaxSeconds", warmupMaxSeconds);
        }

        public Builder calls(Long calls) {
            return set("calls", calls);
        }

        public Builder durationSeconds(Double durationSeconds) {
            return set("durationSeconds", durationSeconds);
        }

        public Builder drainTimeoutSeconds(Long drainTimeoutSeconds) {
            return set("drainTimeoutSeconds", drainTimeoutSeconds);
        }

        public Builder holdMillis(Long holdMillis) {
            return set("holdMillis", holdMillis);
        }

        public Builder payload(PayloadFormat payload) {
            return set("payload", payload);
        }

        public Builder batchSize(Integer batchSize) {
            return set("batchSize", batchSize);
        }

        public Builder producerConnections(Integer producerConnections) {
            return set("producerConnections", producerConnections);
        }

        public Builder popTimeoutMillis(Long popTimeoutMillis) {
            return set("popTimeoutMillis", popTimeoutMillis);
        }

        public Builder respVersion(Integer respVersion) {
            return set("respVersion", respVersion);
        }

        public Builder redis(RedisEndpoint redis) {
            return set("redis", redis);
        }

        public Builder kamailioShmMb(Integer kamailioShmMb) {
            return set("kamailioShmMb", kamailioShmMb);
        }

        public Builder kamailioChildren(Integer kamailioChildren) {
            return set("kamailioChildren", kamailioChildren);
        }

        public Builder key(String key) {
            return set("key", key);
        }

        public Builder events(EnqueuedEvents events) {
            return set("events", events);
        }

        public Builder kamailioCfg(Path kamailioCfg) {
            return set("kamailioCfg", kamailioCfg);
        }

        public Builder role(Role role) {
            return set("role", role);
        }

        public Builder shard(Shard shard) {
            return set("shard", shard);
        }

        /** Test-only: see {@code --clock-skew-ms}. */
        public Builder clockSkewMillis(Long clockSkewMillis) {
            return set("clockSkewMillis", clockSkewMillis);
        }

        /** A Redis Cluster's seeds; {@code redis} is then the first of them. */
        public Builder redisCluster(List<RedisEndpoint> redisCluster) {
            return set("redisCluster", redisCluster);
        }

        public Builder redisAuth(Boolean redisAuth) {
            return set("redisAuth", redisAuth);
        }

        public Builder redisTls(Boolean redisTls) {
            return set("redisTls", redisTls);
        }

        public Builder clientTimeoutMillis(Long clientTimeoutMillis) {
            return set("clientTimeoutMillis", clientTimeoutMillis);
        }

        public Builder redisRtt(Duration redisRtt) {
            return set("redisRtt", redisRtt);
        }

        public Builder uacScenario(Path uacScenario) {
            return set("uacScenario", uacScenario);
        }

        public Builder uasScenario(Path uasScenario) {
            return set("uasScenario", uasScenario);
        }

        public Builder kamailio(ExternalKamailio kamailio) {
            return set("kamailio", kamailio);
        }

        public Builder redisStallMillis(Long redisStallMillis) {
            return set("redisStallMillis", redisStallMillis);
        }

        public Builder faults(List<FaultSpec> faults) {
            return set("faults", faults == null ? null : List.copyOf(faults));
        }

        public Builder redisPersistence(RedisPersistence redisPersistence) {
            return set("redisPersistence", redisPersistence);
        }

        public Builder redisSentinel(Boolean redisSentinel) {
            return set("redisSentinel", redisSentinel);
        }

        public Builder profile(Boolean profile) {
            return set("profile", profile);
        }

        public Builder uas(ExternalUas uas) {
            return set("uas", uas);
        }

        /** The jitter of {@code --redis-rtt}: set with {@link #redisRtt}, at most it. */
        public Builder redisRttJitter(Duration redisRttJitter) {
            return set("redisRttJitter", redisRttJitter);
        }

        public RunOptions build() {
            Class<?>[] types = Arrays.stream(COMPONENTS).map(RecordComponent::getType).toArray(Class<?>[]::new);
            try {
                return RunOptions.class.getDeclaredConstructor(types).newInstance(values.clone());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot build RunOptions", e);
            }
        }

        private static Object invoke(Method accessor, RunOptions options) {
            try {
                return accessor.invoke(options);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read RunOptions." + accessor.getName(), e);
            }
        }
    }
}
