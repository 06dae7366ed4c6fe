package dev.callq.bench.run;

import dev.callq.bench.HarnessException;
import dev.callq.bench.env.LocalRedis;
import dev.callq.bench.env.RedisEndpoint;
import dev.callq.bench.env.RedisProbe;
import dev.callq.bench.driver.ClientChoice;
import dev.callq.bench.driver.QueueDriver;
import dev.callq.bench.driver.QueueSpec;
import dev.callq.bench.load.SipLoad;
import dev.callq.bench.sip.KamailioScript;
import dev.callq.bench.measure.Recorders;
import dev.callq.bench.load.SyntheticLoad;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    private final RunConfig config;
    private final ProgressListener progress;

    public Runner(RunConfig config, ProgressListener progress) {
        this.config = config;
        this.progress = progress;
    }

    public RunSummary run() {
        Path outDir = config.outDir();
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new HarnessException("cannot create the results folder " + outDir + ": " + e.getMessage(), e);
        }
        if (config.redis() != null) {
            RedisProbe.requireReachable(config.redis());
        }
        if (config.load() == LoadKind.SIP && config.kamailioCfg() != null) {
            // Before any Redis starts; the check only parses the script, so no Redis address is dialled.
            RedisEndpoint notDialled = config.redis() != null ? config.redis() : new RedisEndpoint("127.0.0.1", 6379);
            KamailioScript.check(config.kamailioSettings(notDialled, config.key()), outDir);
        }
        String startedAt = Instant.now().toString();
        Runnable work = WorkFactory.create(config.serviceTime(), config.workMode());
        List<ClientResult> results = new ArrayList<>();
        String redisVersion = "unknown";
        for (String client : config.clients()) {
            Path logDir = createDir(outDir.resolve("logs").resolve(ClientChoice.labelOf(client)));
            if (config.redis() != null) {
                redisVersion = RedisProbe.version(config.redis());
                results.add(new ClientRun(config, client, config.redis(), outDir, logDir)
                        .execute(loads(config), work, progress));
            } else {
                try (LocalRedis redis = LocalRedis.start(logDir)) {
                    redisVersion = RedisProbe.version(redis.endpoint());
                    results.add(new ClientRun(config, client, redis.endpoint(), outDir, logDir)
                            .execute(loads(config), work, progress));
                }
            }
        }
        return new RunSummary(RunSummary.SCHEMA, startedAt, config.describePhases(), configMap(),
                environment(redisVersion), results);
    }

    /** The load a configuration asks for, built once Redis, the driver and the recorders exist. */
    static ClientRun.LoadFactory loads(RunConfig config) {
        return (QueueDriver driver, QueueSpec spec, Recorders recorders, RedisEndpoint redis, Path logDir) -> {
            if (config.load() == LoadKind.SYNTHETIC) {
                return new SyntheticLoad(driver, spec, config.rate(), config.arrivals(),
                        config.duration(), config.producerLanes(), recorders.producerLag());
            }
            return new SipLoad(logDir, config.kamailioSettings(redis, spec.key()), config.rate().meanRatePerSec(1),
                    config.calls(), config.holdTime());
        };
    }

    private Map<String, Object> configMap() {
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
        if (config.load() == LoadKind.SIP) {
            map.put("kamailioShmMb", config.kamailioSharedMemoryMb());
            map.put("kamailioChildren", config.kamailioChildren());
            map.put("events", config.events().cliName());
            if (config.kamailioCfg() != null) {
                map.put("kamailioCfg", config.kamailioCfg().toString());
            }
        }
        return map;
    }

    private static Map<String, String> environment(String redisVersion) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("redis", redisVersion);
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
            throw new HarnessException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }
}
