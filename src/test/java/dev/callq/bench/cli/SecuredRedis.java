package dev.callq.bench.cli;

import dev.callq.bench.env.Binaries;
import dev.callq.bench.env.FreePorts;
import dev.callq.bench.env.ManagedProcess;
import dev.callq.bench.env.Pause;
import dev.callq.bench.env.RedisEndpoint;
import dev.callq.bench.env.RedisProbe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A redis-server (or a Sentinel) the test starts as a user would run theirs: from a config file with
 * {@code requirepass} and ACL {@code user} lines.
 */
final class SecuredRedis implements AutoCloseable {
    private final ManagedProcess process;
    final int port;

    private SecuredRedis(ManagedProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * A server with {@code configLines} after its port, bind and no-persistence lines, ready once
     * {@code user} (null: the default user) gets in with {@code password}.
     */
    static SecuredRedis server(Path dir, String name, List<String> configLines, String user, String password)
            throws IOException {
        int port = FreePorts.find();
        List<String> lines = new ArrayList<>(List.of("port " + port, "bind 127.0.0.1", "save \"\"", "appendonly no",
                "dir " + dir));
        lines.addAll(configLines);
        SecuredRedis redis = start(dir, name, lines, port, List.of());
        redis.awaitPong(RedisEndpoint.parse("redis://" + (user == null ? "" : user) + ":" + password + "@127.0.0.1:" + port));
        return redis;
    }

    /** A Sentinel watching {@code masterPort} as {@code masterName}, through the master's password. */
    static SecuredRedis sentinel(Path dir, String masterName, int masterPort, String masterPassword) throws IOException {
        int port = FreePorts.find();
        List<String> lines = List.of("port " + port, "bind 127.0.0.1", "dir " + dir,
                "sentinel monitor " + masterName + " 127.0.0.1 " + masterPort + " 1",
                "sentinel auth-pass " + masterName + " " + masterPassword);
        // Debian's redis-sentinel package only adds a link to redis-server, which runs as a Sentinel with --sentinel.
        SecuredRedis sentinel = start(dir, "sentinel", lines, port, List.of("--sentinel"));
        sentinel.awaitPong(new RedisEndpoint("127.0.0.1", port));
        return sentinel;
    }

    private static SecuredRedis start(Path dir, String name, List<String> lines, int port, List<String> extra)
            throws IOException {
        Path config = dir.resolve(name + ".conf");
        Files.write(config, lines);
        List<String> command = new ArrayList<>(List.of(Binaries.require("redis-server", "redis-server").toString(),
                config.toString()));
        command.addAll(extra);
        return new SecuredRedis(ManagedProcess.start(name, command, dir, dir.resolve(name + ".log")), port);
    }

    private void awaitPong(RedisEndpoint login) {
        long deadlineNanos = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!RedisProbe.ping(login, Duration.ofMillis(200))) {
            if (System.nanoTime() > deadlineNanos || !process.isAlive()) {
                close();
                throw new IllegalStateException("redis-server did not start; see " + process.logFile());
            }
            Pause.millis(20);
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
