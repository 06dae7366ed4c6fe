package dev.callq.bench.env;

import dev.callq.bench.HarnessException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A redis-server started on 127.0.0.1 with a free port and no persistence, stopped on close; on
 * request with a login and TLS, as users deploy it.
 */
public final class LocalRedis implements AutoCloseable {
    /** The ACL user the clients log in as when the server is started with a password. */
    public static final String USER = "callq";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(10);

    /**
     * How to secure the server.
     *
     * @param auth              a random password for the ACL user {@value LocalRedis#USER}, and the default user off
     * @param tls               TLS only, with a certificate from a throwaway CA
     * @param defaultUserLogin  with {@code auth}: the default user on with the same password, for clients
     *                          that send {@code AUTH password} only (Kamailio's ndb_redis)
     */
    public record Security(boolean auth, boolean tls, boolean defaultUserLogin) {
        public static final Security NONE = new Security(false, false, false);
    }

    private volatile ManagedProcess process;
    private final RedisEndpoint endpoint;
    private final ThrowawayCa ca;
    private final List<String> command;
    private final Path runDir;

    private LocalRedis(ManagedProcess process, RedisEndpoint endpoint, ThrowawayCa ca, List<String> command, Path runDir) {
        this.process = process;
        this.endpoint = endpoint;
        this.ca = ca;
        this.command = List.copyOf(command);
        this.runDir = runDir;
    }

    /** Starts redis-server; its log goes to {@code runDir/redis.log}. */
    public static LocalRedis start(Path runDir) {
        return start(runDir, Security.NONE);
    }

    /** Starts redis-server secured as asked; its log goes to {@code runDir/redis.log}. */
    public static LocalRedis start(Path runDir, Security security) {
        return start(runDir, security, RedisPersistence.NONE);
    }

    /** Starts redis-server secured as asked, persisting as asked into {@code runDir}; its log goes to {@code runDir/redis.log}. */
    public static LocalRedis start(Path runDir, Security security, RedisPersistence persistence) {
        return start(runDir, security, persistence, List.of());
    }

    /** Starts redis-server with {@code extraArguments} after the usual ones (e.g. cluster mode). */
    static LocalRedis start(Path runDir, List<String> extraArguments) {
        return start(runDir, Security.NONE, RedisPersistence.NONE, extraArguments);
    }

    /** A replica of {@code primary}, without a login, persisting as asked into {@code runDir}. */
    static LocalRedis startReplica(Path runDir, RedisPersistence persistence, RedisEndpoint.Address primary) {
        return start(runDir, Security.NONE, persistence, List.of("--replicaof", primary.host(),
                Integer.toString(primary.port())));
    }

    private static LocalRedis start(Path runDir, Security security, RedisPersistence persistence,
                                    List<String> extraArguments) {
        runDir = runDir.toAbsolutePath();
        Path binary = Binaries.require("redis-server", "redis-server");
        int port = FreePorts.find();
        List<String> command = new ArrayList<>(List.of(binary.toString(),
                "--port", Integer.toString(security.tls() ? 0 : port),
                "--bind", FreePorts.LOOPBACK,
                "--daemonize", "no",
                "--protected-mode", "yes",
                "--dir", runDir.toAbsolutePath().toString()));
        command.addAll(persistence.serverArguments());
        command.addAll(extraArguments);
        String password = null;
        if (security.auth()) {
            password = HexFormat.of().formatHex(randomBytes(16));
            // The server gets the password's SHA-256 only, so the process list and the log never show it.
            String hash = "#" + sha256Hex(password);
            command.addAll(List.of("--user", USER, "on", hash, "~*", "&*", "+@all"));
            command.addAll(security.defaultUserLogin()
                    ? List.of("--user", "default", "on", "resetpass", hash, "~*", "&*", "+@all")
                    : List.of("--user", "default", "off"));
        }
        ThrowawayCa ca = security.tls() ? ThrowawayCa.create() : null;
        if (ca != null) {
            command.addAll(List.of("--tls-port", Integer.toString(port),
                    "--tls-cert-file", ca.serverCertificate().toString(),
                    "--tls-key-file", ca.serverKey().toString(),
                    "--tls-ca-cert-file", ca.certificate().toString(),
                    "--tls-auth-clients", "no"));
        }
        RedisEndpoint endpoint = new RedisEndpoint(ca != null ? RedisEndpoint.Kind.TLS : RedisEndpoint.Kind.PLAIN,
                List.of(new RedisEndpoint.Address(FreePorts.LOOPBACK, port)), null,
                security.auth() ? USER : null, password, 0, ca != null ? ca.certificate() : null);
        ManagedProcess process;
        try {
            process = ManagedProcess.start("redis-server", command, runDir, runDir.resolve("redis.log"));
        } catch (RuntimeException e) {
            if (ca != null) {
                ca.close();
            }
            throw e;
        }
        LocalRedis redis = new LocalRedis(process, endpoint, ca, command, runDir);
        redis.awaitReady();
        return redis;
    }

    private void awaitReady() {
        long deadlineNanos = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadlineNanos) {
            if (!process.isAlive()) {
                close();
                throw new HarnessException("redis-server exited at start" + (ca != null
                        ? " (does it support TLS? Debian's redis-server 6 and later do)" : "") + "; see "
                        + process.logFile());
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

    /** Where it listens and how to log in: the user, password and CA file when it was started with them. */
    public RedisEndpoint endpoint() {
        return endpoint;
    }

    /** The redis-server's process id, for a fault (SIGSTOP, SIGKILL) sent to it. */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** kill -9, and no restart: a failover's dead primary. */
    public void kill() {
        process.killNow();
        process.waitFor(Duration.ofSeconds(5));
    }

    /** SIGSTOP: the server stops answering, its connections stay open. */
    public void pause() {
        process.signal("STOP");
    }

    /** SIGCONT after {@link #pause}. */
    public void resume() {
        process.signal("CONT");
    }

    /**
     * kill -9, then the same server again on the same port with the same configuration: what it had
     * persisted (--redis-persistence) is back, the rest is gone. Returns once it answers PING.
     */
    public synchronized void killAndRestart() {
        ManagedProcess killed = process;
        killed.killNow();
        killed.waitFor(Duration.ofSeconds(5));
        killed.close();
        process = ManagedProcess.start("redis-server", command, runDir, runDir.resolve("redis.log"));
        awaitReady();
    }

    /** Stops the server and deletes its throwaway CA. */
    @Override
    public void close() {
        process.close();
        if (ca != null) {
            ca.close();
        }
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
