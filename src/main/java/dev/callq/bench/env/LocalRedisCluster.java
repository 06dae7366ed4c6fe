package dev.callq.bench.env;

import dev.callq.bench.HarnessException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Redis Cluster of three primaries on 127.0.0.1, no replicas, for tests: three redis-server processes in
 * cluster mode, joined by {@code redis-cli --cluster create}, stopped on close.
 */
public final class LocalRedisCluster implements AutoCloseable {
    private static final int PRIMARIES = 3;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

    private final List<LocalRedis> nodes;

    private LocalRedisCluster(List<LocalRedis> nodes) {
        this.nodes = nodes;
    }

    public static LocalRedisCluster start(Path runDir) {
        List<LocalRedis> nodes = new ArrayList<>();
        LocalRedisCluster cluster = new LocalRedisCluster(nodes);
        try {
            for (int i = 0; i < PRIMARIES; i++) {
                Path dir = Files.createDirectories(runDir.resolve("node-" + i));
                nodes.add(LocalRedis.start(dir, List.of("--cluster-enabled", "yes",
                        "--cluster-config-file", dir.toAbsolutePath().resolve("nodes.conf").toString())));
            }
            List<String> create = new ArrayList<>(List.of(Binaries.require("redis-cli", "redis-tools").toString(),
                    "--cluster", "create"));
            nodes.forEach(n -> create.add(n.endpoint().toString()));
            create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
            Process process = new ProcessBuilder(create).redirectErrorStream(true)
                    .redirectOutput(runDir.resolve("cluster-create.log").toFile()).start();
            if (!process.waitFor(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new HarnessException("redis-cli --cluster create failed; see " + runDir.resolve("cluster-create.log"));
            }
            cluster.awaitStateOk();
            return cluster;
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e instanceof HarnessException h ? h : new HarnessException("cannot start a local Redis Cluster: " + e, e);
        } catch (InterruptedException e) {
            cluster.close();
            Thread.currentThread().interrupt();
            throw new HarnessException("interrupted while starting a local Redis Cluster", e);
        }
    }

    /** Every primary, as {@code --redis redis-cluster://…} lists them. */
    public List<RedisEndpoint> endpoints() {
        return nodes.stream().map(LocalRedis::endpoint).toList();
    }

    private void awaitStateOk() {
        long deadlineNanos = System.nanoTime() + READY_TIMEOUT.toNanos();
        for (LocalRedis node : nodes) {
            while (true) {
                try (RespConnection redis = RespConnection.login(node.endpoint(), Duration.ofSeconds(2))) {
                    if (((String) redis.call("CLUSTER", "INFO")).contains("cluster_state:ok")) {
                        break;
                    }
                }
                if (System.nanoTime() > deadlineNanos) {
                    throw new HarnessException("the local Redis Cluster did not reach cluster_state:ok within "
                            + READY_TIMEOUT.toSeconds() + " s");
                }
                Pause.millis(50);
            }
        }
    }

    @Override
    public void close() {
        nodes.forEach(LocalRedis::close);
    }
}
