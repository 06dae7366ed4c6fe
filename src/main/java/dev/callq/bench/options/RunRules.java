package dev.callq.bench.options;

import dev.callq.bench.result.Role;
import dev.callq.bench.load.LoadKind;
import dev.callq.bench.fault.Faults;
import dev.callq.bench.fault.FaultSpec;
import dev.callq.bench.driver.QueueDrivers;
import dev.callq.bench.driver.QueuePattern;
import dev.callq.bench.driver.QueueSpec;
import dev.callq.bench.env.FreePorts;
import dev.callq.bench.env.RedisEndpoint;
import dev.callq.bench.env.RedisPersistence;
import dev.callq.bench.event.PayloadFormat;
import dev.callq.bench.load.RateProfile;
import dev.callq.bench.sip.KamailioSettings;
import dev.callq.bench.sip.SippScenario;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which combinations of {@code callq run} options are refused: the one place that decides, asked by
 * {@link RunOptions#toConfig} (most once every default is filled in, {@code --redis-ca} as it is folded into
 * the endpoint). A value wrong on its own is refused where it is read (its {@link OptionText}, or where
 * {@code toConfig} or {@link RunConfig} checks it: a negative {@code --workers}); here, options that do not go
 * together, each refusal in one line that names them.
 */
final class RunRules {
    private RunRules() {
    }

    /** @throws IllegalArgumentException naming the options that do not go together */
    static void requireAllowed(RunConfig config) {
        requireLoadFits(config);
        requireRedisFits(config);
        requireProxyFits(config);
        requireSipPartiesFit(config);
        requireFaultsFit(config);
        for (String client : config.clients()) {
            QueueDrivers.checkQueue(client, new QueueSpec(config.key(), config.pattern(), config.popTimeout(),
                    config.batchSize()));
        }
        requireShardFits(config);
    }

    /** The measured phase is as long as {@code --calls} or {@code --duration} says, not both. */
    static void requireOneLength(Long calls, Double durationSeconds) {
        if (calls != null && durationSeconds != null) {
            throw new IllegalArgumentException("--calls and --duration are mutually exclusive");
        }
    }

    /** {@code --redis rediss://…} checked against {@code --redis-ca FILE}: the endpoint with its CA file. */
    static RedisEndpoint withCaFile(RedisEndpoint redis, Path caFile) {
        if (caFile == null) {
            return redis;
        }
        if (redis == null) {
            throw new IllegalArgumentException("--redis-ca needs --redis rediss://…; --redis-tls makes its own CA");
        }
        if (!redis.tls()) {
            throw new IllegalArgumentException("--redis-ca needs a rediss:// URL, not " + redis);
        }
        if (!Files.isReadable(caFile)) {
            throw new IllegalArgumentException("--redis-ca " + caFile + " is not a readable file");
        }
        return redis.withCaFile(caFile.toAbsolutePath().normalize());
    }

    private static void requireLoadFits(RunConfig config) {
        boolean sip = config.load() == LoadKind.SIP;
        if (sip && !(config.rate() instanceof RateProfile.Constant)) {
            throw new IllegalArgumentException("--rate steps and ramps need --load synthetic");
        }
        if (!sip && config.payload() == PayloadFormat.CALLID) {
            throw new IllegalArgumentException("--payload callid carries no enqueue stamp; the synthetic load "
                    + "needs --payload json");
        }
        if (!sip && config.kamailioCfg() != null) {
            throw new IllegalArgumentException("--kamailio-cfg needs --load sip");
        }
        if (sip) {
            config.events().requireCarriedBy(config.payload());
        }
        if (sip && config.pattern() == QueuePattern.STREAM) {
            throw new IllegalArgumentException("--pattern stream needs --load synthetic: Kamailio pushes to a list");
        }
        if (!sip && (config.uacScenario() != null || config.uasScenario() != null || config.kamailio() != null)) {
            throw new IllegalArgumentException("--uac-scenario, --uas-scenario and --kamailio need --load sip");
        }
    }

    private static void requireRedisFits(RunConfig config) {
        RedisEndpoint redis = config.redis();
        boolean secured = config.localRedis().auth() || config.localRedis().tls();
        if (redis != null && secured) {
            throw new IllegalArgumentException("--redis-auth and --redis-tls secure the Redis callq starts; "
                    + "with --redis, give the login in the URL (redis://user:password@host:port, rediss://…)");
        }
        if (config.load() == LoadKind.SIP && config.kamailio() == null) {
            KamailioSettings.requireSupported(redis, redis != null ? redis.tls() : config.localRedis().tls());
        }
        if (config.redisSentinel() && (redis != null || secured)) {
            throw new IllegalArgumentException("--redis-sentinel starts its own Redis topology, without a login or "
                    + "TLS; it does not go with --redis, --redis-auth or --redis-tls");
        }
        if (redis != null && config.redisPersistence() != RedisPersistence.NONE) {
            throw new IllegalArgumentException("--redis-persistence configures the Redis callq starts, not --redis");
        }
    }

    /** What goes through the network proxy ({@code --redis-rtt}, the proxy's faults) and what cannot. */
    private static void requireProxyFits(RunConfig config) {
        Optional<String> proxied = config.redisRtt().isZero()
                ? config.faults().stream().filter(f -> f.kind().needsProxy()).map(f -> "--fault " + f).findFirst()
                : Optional.of("--redis-rtt");
        if (proxied.isEmpty()) {
            return;
        }
        RedisEndpoint redis = config.redis();
        boolean sentinels = config.redisSentinel() || (redis != null && redis.kind() == RedisEndpoint.Kind.SENTINEL);
        if (sentinels) {
            throw new IllegalArgumentException(proxied.get() + " cannot go with a Sentinel deployment: its clients "
                    + "dial the master Sentinel names, around the proxy");
        }
        if (redis != null && redis.tls() && !redis.host().equals(FreePorts.LOOPBACK)) {
            // TLS passes through the proxy as bytes, but the clients check the certificate's name against the
            // address they dial, the proxy's 127.0.0.1, not the name the certificate was issued for.
            throw new IllegalArgumentException("--redis-rtt and the proxy's faults go with rediss:// only for a Redis "
                    + "at " + FreePorts.LOOPBACK + ": the clients would check the certificate of " + redis.host()
                    + " against the proxy's address " + FreePorts.LOOPBACK);
        }
    }

    /** The user's own Kamailio, UAS and scenarios, against what callq starts for them. */
    private static void requireSipPartiesFit(RunConfig config) {
        if (config.kamailio() != null && (config.kamailioCfg() != null || config.kamailioShmMb() != null)) {
            throw new IllegalArgumentException("--kamailio-cfg and --kamailio-shm-mb configure the Kamailio callq starts; "
                    + "with --kamailio, your Kamailio runs your script");
        }
        if (config.kamailio() != null && config.redis() == null) {
            throw new IllegalArgumentException("--kamailio needs --redis: the Redis your Kamailio pushes to");
        }
        if (config.uas() != null && config.kamailio() == null) {
            throw new IllegalArgumentException("--uas needs --kamailio: the Kamailio callq starts listens on loopback "
                    + "and relays to callq's own UAS");
        }
        if (config.uas() != null && config.uasScenario() != null) {
            throw new IllegalArgumentException("--uas-scenario configures the UAS callq starts; with --uas, your UAS "
                    + "runs your scenario");
        }
        if (config.uacScenario() != null) {
            SippScenario.check(config.uacScenario(), SippScenario.Role.UAC, config.events());
        }
        if (config.uasScenario() != null) {
            SippScenario.check(config.uasScenario(), SippScenario.Role.UAS, config.events());
        }
    }

    private static void requireFaultsFit(RunConfig config) {
        int crashed = 0;
        for (FaultSpec fault : config.faults()) {
            if (fault.kind() == FaultSpec.Kind.REDIS_FAILOVER && !config.redisSentinel()) {
                throw new IllegalArgumentException("--fault " + fault + " needs the Sentinel topology callq starts "
                        + "(a primary, a replica and the sentinels that promote it), not --redis");
            }
            if (fault.kind().needsLocalRedis() && config.redis() != null) {
                throw new IllegalArgumentException("--fault " + fault + " needs the Redis callq starts; "
                        + "it does not signal an external Redis (--redis)");
            }
            if ((fault.kind() == FaultSpec.Kind.KAMAILIO_RESTART || fault.kind() == FaultSpec.Kind.SIP_LOSS)
                    && config.load() != LoadKind.SIP) {
                throw new IllegalArgumentException("--fault " + fault + " needs --load sip");
            }
            crashed += fault.crashedWorkers();
        }
        Faults.requireNoOverlap(config.faults());
        if (crashed >= config.workers()) {
            throw new IllegalArgumentException("--fault consumer-crash would kill " + crashed + " of "
                    + config.workers() + " workers; leave at least one to drain the queue");
        }
        for (FaultSpec fault : config.faults()) {
            if (fault.at().compareTo(config.duration()) >= 0) {
                throw new IllegalArgumentException("--fault " + fault + " starts after the measured phase's "
                        + config.duration().toMillis() / 1000.0 + " s");
            }
        }
    }

    /** One process of a run spread over several ({@code --role}, {@code --shard}), or a whole run. */
    private static void requireShardFits(RunConfig config) {
        Role role = config.role();
        if (role == Role.ALL) {
            if (config.shard().count() > 1) {
                throw new IllegalArgumentException("--shard needs --role producer, consumer or sip-load");
            }
            if (!config.redisCluster().isEmpty()) {
                throw new IllegalArgumentException("--redis " + RunOptions.CLUSTER_SCHEME + "… needs --role producer "
                        + "or consumer: a run on a Redis Cluster is a sharded run");
            }
            return;
        }
        String option = "--role " + role.cliName();
        // A consumer takes whatever lands in the queue: events from producer or sip-load shards alike.
        if (role == Role.PRODUCER && config.load() != LoadKind.SYNTHETIC) {
            throw new IllegalArgumentException(option + " needs --load synthetic (a SIP load is sharded with "
                    + "--role sip-load)");
        }
        if (role == Role.SIP_LOAD && config.load() != LoadKind.SIP) {
            throw new IllegalArgumentException(option + " needs --load sip (a synthetic load is sharded with "
                    + "--role producer)");
        }
        if (role == Role.SIP_LOAD && !config.redisCluster().isEmpty()) {
            throw new IllegalArgumentException(option + " takes no --redis " + RunOptions.CLUSTER_SCHEME
                    + "…: Kamailio pushes to the one list --key names");
        }
        if (config.redis() == null) {
            throw new IllegalArgumentException(option + " needs --redis: the shards meet in the Redis under test");
        }
        if (config.clients().size() != 1) {
            throw new IllegalArgumentException(option + " needs one --client, not " + config.clients());
        }
        if (config.pattern() != QueuePattern.BLPOP && config.pattern() != QueuePattern.BATCH) {
            throw new IllegalArgumentException(option + " takes --pattern blpop or batch, not "
                    + config.pattern().cliName());
        }
        // What a whole run adds around its measurement (faults, a delaying proxy, a Sentinel topology, a
        // profile) is not built into the shards: refused rather than silently left out.
        if (!config.faults().isEmpty() || !config.redisRtt().isZero() || config.redisSentinel() || config.profile()) {
            throw new IllegalArgumentException(option + " takes no --fault, --redis-rtt, --redis-sentinel or "
                    + "--profile: use them in a whole run (--role all)");
        }
        if (role == Role.CONSUMER && config.workers() < config.shard().count()) {
            throw new IllegalArgumentException("--workers " + config.workers() + " are fewer than the "
                    + config.shard().count() + " consumer shards: each needs one");
        }
    }
}
