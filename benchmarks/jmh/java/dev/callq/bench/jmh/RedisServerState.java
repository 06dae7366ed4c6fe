package dev.callq.bench.jmh;

import dev.callq.bench.env.LocalRedis;
import dev.callq.bench.env.RedisEndpoint;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.stream.Stream;

/**
 * A redis-server of the benchmark's own, started once per trial inside the JMH fork (or in the
 * calling JVM when forks are 0) and stopped at its end, so that no server outlives the run.
 */
@State(Scope.Benchmark)
public class RedisServerState {
    private final Deque<AutoCloseable> clients = new ConcurrentLinkedDeque<>();
    private Path runDir;
    private LocalRedis redis;

    @Setup(Level.Trial)
    public void start() throws IOException {
        runDir = Files.createTempDirectory("callq-jmh-redis-");
        redis = LocalRedis.start(runDir);
    }

    public RedisEndpoint endpoint() {
        return redis.endpoint();
    }

    /**
     * Registers a client to close before the server stops. JMH tears this Benchmark-scoped state
     * down before the Thread-scoped states that use it, so a client's own tear-down would find
     * the server gone (and Lettuce would start reconnecting).
     */
    public void closeBeforeStop(AutoCloseable client) {
        clients.push(client);
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        try {
            closeClients();
        } finally {
            try {
                if (redis != null) {
                    redis.close();
                }
            } finally {
                deleteTree(runDir);
            }
        }
    }

    private void closeClients() throws Exception {
        Exception first = null;
        for (AutoCloseable client = clients.poll(); client != null; client = clients.poll()) {
            try {
                client.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
