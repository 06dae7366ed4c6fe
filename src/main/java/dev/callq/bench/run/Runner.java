package dev.callq.bench.run;

import dev.callq.bench.options.RunConfig;
import dev.callq.bench.work.RandomDraws;
import dev.callq.bench.FileErrors;
import dev.callq.bench.HarnessException;
import dev.callq.bench.env.LocalRedis;
import dev.callq.bench.env.ManagedProcess;
import dev.callq.bench.env.Provenance;
import dev.callq.bench.env.LocalSentinels;
import dev.callq.bench.env.RedisEndpoint;
import dev.callq.bench.env.RedisProbe;
import dev.callq.bench.driver.ClientChoice;
import dev.callq.bench.driver.ClientSettings;
import dev.callq.bench.driver.QueueDriver;
import dev.callq.bench.driver.QueueSpec;
import dev.callq.bench.fault.FaultSpec;
import dev.callq.bench.fault.RedisLinks;
import dev.callq.bench.load.Load;
import dev.callq.bench.load.LoadKind;
import dev.callq.bench.load.SipLoad;
import dev.callq.bench.result.ClientResult;
import dev.callq.bench.result.Role;
import dev.callq.bench.result.RunSummary;
import dev.callq.bench.sip.KamailioScript;
import dev.callq.bench.measure.Recorders;
import dev.callq.bench.load.SyntheticLoad;
import dev.callq.bench.netem.ProxyCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the same load once per client, one after the other, each against a freshly started Redis
 * (or the external one given), and gathers the results.
 */
public final class Runner {
    private static final Logger log = LoggerFactory.getLogger(Runner.class);

    private final RunConfig config;
    private final ProgressListener progress;
    /** One seed for the run: every client is offered the same arrivals. */
    private final RandomDraws draws;
    /** How the network proxy shaped the link, when the run had one. */
    private String networkProxy;

    public Runner(RunConfig config, ProgressListener progress) {
        this.config = config;
        this.progress = progress;
        this.draws = RandomDraws.of(config.options().seed);
    }

    public RunSummary run() {
        if (config.role() != Role.ALL) {
            // A shard writes a part, not a summary: only callq run starts one (ShardRun), never a sweep or a plan.
            throw new HarnessException("--role " + config.role().cliName() + " is for callq run only");
        }
        Path outDir = config.outDir();
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new HarnessException("cannot create the results folder " + outDir + ": " + FileErrors.cause(e), e);
        }
        if (config.redis() != null) {
            RedisProbe.requireReachable(config.redis());
            RedisProbe.requirePermitted(config.redis(), commandsUsed(config));
        }
        if (config.load() == LoadKind.SIP && config.kamailioCfg() != null) {
            // Before any Redis starts; the check only parses the script, so no Redis address is dialled.
            // A Redis callq starts with --redis-auth has a password the script must import too.
            RedisEndpoint notDialled = config.redis() != null ? config.redis()
                    : RedisEndpoint.parse(config.localRedis().auth() ? "redis://:unknown-yet@127.0.0.1:6379" : "127.0.0.1:6379");
            KamailioScript.check(config.kamailioSettings(notDialled, config.key()), outDir);
        }
        String startedAt = Instant.now().toString();
        Runnable work = WorkFactory.create(config.serviceTime(), config.workMode(), draws);
        List<ClientResult> results = new ArrayList<>();
        Map<String, String> redisMeasured = Map.of();
        for (String client : config.clients()) {
            if (ManagedProcess.shuttingDown()) {
                // Stopped (Ctrl-C, SIGTERM): the summary holds the clients measured so far, the last one interrupted.
                log.warn("{}: not run, callq is stopping", client);
                break;
            }
            Path logDir = createDir(outDir.resolve("logs").resolve(ClientChoice.labelOf(client)));
            if (config.redis() != null) {
                if (results.stream().anyMatch(result -> result.failure() != null)) {
                    // The Redis that failed a client's run is the next client's too: keep the results so far.
                    log.warn("{}: not run, the Redis that failed the run before is the one it would use", client);
                    break;
                }
                redisMeasured = describeRedis(config.redis(), "external");
                RedisProbe.requireRoomFor(config.redis(), config.redisConnections());
                results.add(measure(client, config.redis(), null, null, outDir, logDir, work));
            } else if (config.redisSentinel()) {
                try (LocalSentinels topology = LocalSentinels.start(logDir, config.redisPersistence())) {
                    redisMeasured = describeRedis(topology.endpoint(), "started by callq (a primary, a replica and "
                            + "3 sentinels)");
                    results.add(measure(client, topology.endpoint(), topology.primary(), topology, outDir, logDir, work));
                }
            } else {
                try (LocalRedis redis = LocalRedis.start(logDir, config.localRedis(), config.redisPersistence())) {
                    redisMeasured = describeRedis(redis.endpoint(), startedBy(config.localRedis()));
                    RedisProbe.requireRoomFor(redis.endpoint(), config.redisConnections());
                    results.add(measure(client, redis.endpoint(), redis, null, outDir, logDir, work));
                }
            }
        }
        Map<String, String> environment = environment(redisMeasured);
        if (networkProxy != null) {
            environment.put("redisProxy", networkProxy);
        }
        return new RunSummary(RunSummary.SCHEMA, startedAt, config.describePhases(), configMap(config, draws),
                environment, results, Provenance.current());
    }

    /**
     * One client's run. With {@code --redis-rtt}, or a fault of the proxy (redis-latency, -partition, -reset, -bandwidth), every party of
     * the run reaches Redis through a network proxy that adds half the round trip each way: the workers
     * through one, the producer (or Kamailio) through another, so that a fault can act on one side alone.
     * The harness's own reads of the queue go to Redis directly.
     *
     * @param localRedis the Redis callq started, for the faults done to it, or null
     * @param sentinels  the Sentinel topology callq started, for a failover, or null
     */
    private ClientResult measure(String client, RedisEndpoint redis, LocalRedis localRedis, LocalSentinels sentinels,
                                 Path outDir, Path logDir, Runnable work) {
        if (config.redisRtt().isZero() && config.faults().stream().noneMatch(fault -> fault.kind().needsProxy())) {
            return new ClientRun(config, client, redis, localRedis, sentinels, outDir, logDir)
                    .execute(loads(config, draws), work, progress);
        }
        try (RedisLinks links = RedisLinks.start(redis, config.redisRoundTrip())) {
            networkProxy = links.describe();
            ClientResult result = new ClientRun(config, client, links.workersEndpoint(), localRedis, sentinels, links,
                    outDir, logDir).execute(loads(config, draws), work, progress);
            ProxyCounters counters = links.counters();
            log.info("{}: the network proxies carried {} connections, {} bytes to Redis and {} from it", client,
                    counters.connectionsAccepted(), counters.bytesToUpstream(), counters.bytesFromUpstream());
            return result;
        }
    }

    /**
     * Each command a run sends, on the keys it names: an ACL user without one of them is refused before
     * anything starts rather than failing every pop.
     */
    private static List<List<String>> commandsUsed(RunConfig config) {
        QueueSpec spec = new QueueSpec(config.key(), config.pattern(), config.popTimeout(), config.batchSize());
        String key = spec.key();
        String processing = spec.processingKey(0);
        String group = spec.groupName();
        List<List<String>> commands = new ArrayList<>(List.of(List.of("DEL", key)));
        switch (config.pattern()) {
            case BLPOP -> commands.addAll(List.of(List.of("RPUSH", key, "x"), List.of("LLEN", key),
                    List.of("BLPOP", key, "1")));
            case RELIABLE -> commands.addAll(List.of(List.of("RPUSH", key, "x"), List.of("LLEN", key),
                    List.of("BLMOVE", key, processing, "LEFT", "RIGHT", "1"), List.of("LREM", processing, "1", "x")));
            case BATCH -> commands.addAll(List.of(List.of("RPUSH", key, "x"), List.of("LLEN", key),
                    List.of("BLMPOP", "1", "1", key, "LEFT", "COUNT", "2")));
            case STREAM -> commands.addAll(List.of(List.of("XADD", key, "*", "p", "x"), List.of("XLEN", key),
                    List.of("XGROUP", "CREATE", key, group, "$", "MKSTREAM"),
                    List.of("XREADGROUP", "GROUP", group, "w", "COUNT", "1", "BLOCK", "1", "STREAMS", key, ">"),
                    List.of("XACK", key, group, "0-1"), List.of("XPENDING", key, group),
                    List.of("XINFO", "GROUPS", key)));
        }
        // the accounting reads back what is left and checks Redis's command statistics; reliable workers
        // keep heartbeats and move a dead worker's list back, stream consumers claim idle entries
        commands.add(List.of("INFO", "commandstats"));
        switch (config.pattern()) {
            case BLPOP, BATCH -> commands.add(List.of("LRANGE", key, "0", "-1"));
            case RELIABLE -> commands.addAll(List.of(List.of("LRANGE", key, "0", "-1"),
                    List.of("SCAN", "0", "MATCH", spec.processingKeyPattern()),
                    List.of("SET", spec.heartbeatKey(processing), "1", "PX", "1000"),
                    List.of("EXISTS", spec.heartbeatKey(processing)),
                    List.of("LMOVE", processing, key, "RIGHT", "LEFT")));
            case STREAM -> commands.addAll(List.of(List.of("XRANGE", key, "-", "+"),
                    List.of("XAUTOCLAIM", key, group, "w", "1000", "0-0")));
        }
        return commands;
    }

    private static String startedBy(LocalRedis.Security security) {
        List<String> how = new ArrayList<>();
        if (security.auth()) {
            how.add("ACL user " + LocalRedis.USER + " with a random password");
        }
        if (security.tls()) {
            how.add("TLS from a throwaway CA");
        }
        return "started by callq" + (how.isEmpty() ? "" : " (" + String.join(", ", how) + ")");
    }

    /** Which Redis was measured, its address without the password. */
    public static Map<String, String> describeRedis(RedisEndpoint endpoint, String origin) {
        Map<String, String> redis = new LinkedHashMap<>();
        redis.put("redis", RedisProbe.version(endpoint));
        redis.put("redisServer", origin);
        redis.put("redisAddress", endpoint.toString());
        return redis;
    }

    /** The load a configuration asks for, built once Redis, the driver and the recorders exist. */
    static ClientRun.LoadFactory loads(RunConfig config, RandomDraws draws) {
        return (QueueDriver driver, QueueSpec spec, Recorders recorders, RedisEndpoint redis, Path logDir) -> {
            Load load;
            if (config.load() == LoadKind.SYNTHETIC) {
                load = new SyntheticLoad(ClientSettings.forQueue(redis, config.respVersion(), spec), spec, config.rate(),
                        config.arrivals(), draws, config.duration(), config.producerLanes(), recorders.producerLag(),
                        recorders.pushRoundTrip());
            } else {
                // Kamailio is pointed at the master a Sentinel names at the start of the run, and a script that
                // uses REDIS_SENTINELS asks the sentinels again on reconnect. It logs in as the default user:
                // RunConfig refuses any other for a SIP run, and the Redis callq starts gives the default user
                // the run's password too.
                load = new SipLoad(logDir, config.kamailioSettings(RedisProbe.master(redis).asDefaultUser(),
                        redis.asDefaultUser(), spec.key()),
                        config.kamailio(), config.uacScenario(), config.uasScenario(),
                        config.rate().meanRatePerSec(1), config.calls(), config.holdTime(), config.sipLossPercent(),
                        config.uas());
            }
            return config.redisStall() == null ? load
                    : new StalledRedisLoad(load, RedisProbe.master(redis), config.redisStall());
        };
    }

    public static Map<String, Object> configMap(RunConfig config, RandomDraws draws) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("clients", config.clients());
        map.put("workers", config.workers());
        map.put("load", config.load().name().toLowerCase());
        map.put("rate", config.rate().describe());
        if (config.load() == LoadKind.SIP) {
            map.put("calls", config.calls());
            map.put("holdMillis", config.holdTime().toMillis());
        }
        map.put("durationSeconds", config.duration().toMillis() / 1000.0);
        map.put("warmupSeconds", config.warmup().minimum().toMillis() / 1000.0);
        map.put("warmupMaxSeconds", config.warmup().maximum().toMillis() / 1000.0);
        map.put("payload", config.payload().cliName());
        map.put("pattern", config.pattern().cliName());
        map.put("seed", draws.seed());
        map.put("batchSize", config.batchSize());
        if (config.profile()) {
            map.put("profile", "jfr");
        }
        map.put("serviceTime", config.serviceTime().spec());
        map.put("workMode", config.workMode().cliName());
        map.put("popTimeoutMillis", config.popTimeout().toMillis());
        map.put("drainTimeoutSeconds", config.drainTimeout().toSeconds());
        map.put("resp", config.respVersion());
        map.put("key", config.key());
        if (!config.faults().isEmpty()) {
            map.put("faults", config.faults().stream().map(FaultSpec::toString).toList());
        }
        if (config.redis() == null) {
            map.put("redisPersistence", config.redisPersistence().cliName());
        }
        if (config.redisSentinel()) {
            map.put("redisSentinel", true);
        }
        if (config.load() == LoadKind.SIP) {
            map.put("kamailioShmMb", config.kamailioSharedMemoryMb());
            map.put("kamailioChildren", config.options().kamailioChildren);
            map.put("events", config.events().cliName());
            if (config.kamailioCfg() != null) {
                map.put("kamailioCfg", config.kamailioCfg().toString());
            }
            if (config.uacScenario() != null) {
                map.put("uacScenario", config.uacScenario().toString());
            }
            if (config.uasScenario() != null) {
                map.put("uasScenario", config.uasScenario().toString());
            }
            if (config.kamailio() != null) {
                map.put("kamailio", config.kamailio().toString());
            }
        }
        if (config.redisStall() != null) {
            map.put("redisStallMillis", config.redisStall().toMillis());
        }
        map.put("redisRttMicros", config.redisRtt().toNanos() / 1_000);
        map.put("redisRttJitterMicros", config.redisRttJitter().toNanos() / 1_000);
        return map;
    }

    public static Map<String, String> environment(Map<String, String> redisMeasured) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("redis", "unknown");
        env.putAll(redisMeasured);
        env.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        env.put("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
        return env;
    }

    private static Path createDir(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new HarnessException("cannot create " + dir + ": " + FileErrors.cause(e), e);
        }
    }
}
