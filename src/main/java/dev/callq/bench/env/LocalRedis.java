package dev.callq.bench.env;

import dev.callq.bench.HarnessException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A redis-server started on 127.0.0.1 with a free port and no persistence, stopped on close. */
public final class LocalRedis implements AutoCloseable {
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(10);

    private final ManagedProcess process;
    private final RedisEndpoint endpoint;

    private LocalRedis(ManagedProcess process, RedisEndpoint endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** Starts redis-server; its log goes to {@code runDir/redis.log}. */
    public static LocalRedis start(Path runDir) {
        runDir = runDir.toAbsolutePath();
        Path binary = Binaries.require("redis-server", "redis-server");
        int port = FreePorts.find();
        List<String> command = List.of(binary.toString(),
                "--port", Integer.toString(port),
                "--bind", FreePorts.LOOPBACK,
                "--save", "",
                "--appendonly", "no",
                "--daemonize", "no",
                "--protected-mode", "yes",
                "--dir", runDir.toAbsolutePath().toString());
        ManagedProcess process = ManagedProcess.start("redis-server", command, runDir, runDir.resolve("redis.log"));
        RedisEndpoint endpoint = new RedisEndpoint(FreePorts.LOOPBACK, port);
        LocalRedis redis = new LocalRedis(process, endpoint);
        redis.awaitReady();
        return redis;
    }

    private void awaitReady() {
        long deadlineNanos = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadlineNanos) {
            if (!process.isAlive()) {
                close();
                throw new HarnessException("redis-server exited at start; see " + process.logFile());
            }
            if (RedisProbe.ping(endpoint, Duration.ofMillis(200))) {
                return;
            }
            Pause.millis(20);
        }
        close();
        throw new HarnessException("redis-server did not answer PING within " + STARTUP_TIMEOUT.toSeconds()
                + " s; see " + process.logFile());
    }

    public RedisEndpoint endpoint() {
        return endpoint;
    }

    /** The redis-server's process id, for a fault (SIGSTOP, SIGKILL) sent to it. */
    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.close();
    }

}
