package dev.callq.bench.env;

import dev.callq.bench.HarnessException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Sentinel topology on 127.0.0.1, as users deploy one for failover: a primary, one replica and three
 * sentinels that agree (quorum 2) on the primary being down after {@value #DOWN_AFTER_MILLIS} ms and
 * promote the replica. The clients reach it through {@link #endpoint()}, a {@code redis-sentinel://}
 * URL. Everything lives in the run folder and is stopped on close.
 */
public final class LocalSentinels implements AutoCloseable {
    public static final String MASTER_NAME = "callq";
    static final int DOWN_AFTER_MILLIS = 1000;
    private static final int FAILOVER_TIMEOUT_MILLIS = 3000;
    private static final int SENTINELS = 3;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration FAILOVER_WAIT = Duration.ofSeconds(30);
    /** A replica sees a killed primary's connection close at once; the sentinels take a second to agree. */
    private static final Duration LINK_DOWN_WAIT = Duration.ofMillis(DOWN_AFTER_MILLIS / 2);

    private final LocalRedis primary;
    private final LocalRedis replica;
    private final List<ManagedProcess> sentinels;
    private final RedisEndpoint endpoint;

    private LocalSentinels(LocalRedis primary, LocalRedis replica, List<ManagedProcess> sentinels,
                           RedisEndpoint endpoint) {
        this.primary = primary;
        this.replica = replica;
        this.sentinels = sentinels;
        this.endpoint = endpoint;
    }

    /** Starts the primary, its replica and the sentinels; returns once the replica is in sync and every sentinel names the primary. */
    public static LocalSentinels start(Path runDir, RedisPersistence persistence) {
        runDir = runDir.toAbsolutePath();
        LocalRedis primary = LocalRedis.start(dir(runDir.resolve("primary")), LocalRedis.Security.NONE, persistence);
        LocalRedis replica = null;
        List<ManagedProcess> sentinels = new ArrayList<>();
        try {
            RedisEndpoint.Address primaryAddress = primary.endpoint().nodes().get(0);
            replica = LocalRedis.startReplica(dir(runDir.resolve("replica")), persistence, primaryAddress);
            Path binary = Binaries.require("redis-server", "redis-server");
            List<RedisEndpoint.Address> addresses = new ArrayList<>();
            for (int i = 1; i <= SENTINELS; i++) {
                Path dir = dir(runDir.resolve("sentinel-" + i));
                int port = FreePorts.find();
                // Sentinel rewrites its configuration file as it learns the topology: one of its own each.
                Path conf = dir.resolve("sentinel.conf");
                Files.writeString(conf, String.join("\n",
                        "port " + port,
                        "bind " + FreePorts.LOOPBACK,
                        "daemonize no",
                        "dir " + dir,
                        "sentinel monitor " + MASTER_NAME + " " + primaryAddress.host() + " " + primaryAddress.port() + " 2",
                        "sentinel down-after-milliseconds " + MASTER_NAME + " " + DOWN_AFTER_MILLIS,
                        "sentinel failover-timeout " + MASTER_NAME + " " + FAILOVER_TIMEOUT_MILLIS,
                        "sentinel parallel-syncs " + MASTER_NAME + " 1", ""));
                sentinels.add(ManagedProcess.start("redis-sentinel", List.of(binary.toString(), conf.toString(),
                        "--sentinel"), dir, dir.resolve("sentinel.log")));
                addresses.add(new RedisEndpoint.Address(FreePorts.LOOPBACK, port));
            }
            RedisEndpoint endpoint = new RedisEndpoint(RedisEndpoint.Kind.SENTINEL, addresses, MASTER_NAME, null,
                    null, 0, null);
            LocalSentinels topology = new LocalSentinels(primary, replica, sentinels, endpoint);
            topology.awaitReady(primaryAddress);
            return topology;
        } catch (IOException | RuntimeException e) {
            sentinels.forEach(ManagedProcess::close);
            if (replica != null) {
                replica.close();
            }
            primary.close();
            throw e instanceof HarnessException h ? h
                    : new HarnessException("cannot start the Sentinel topology: " + e.getMessage(), e);
        }
    }

    private void awaitReady(RedisEndpoint.Address primaryAddress) {
        long deadlineNanos = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadlineNanos) {
            String replication = RedisProbe.info(replica.endpoint(), "replication");
            boolean inSync = replication != null && replication.contains("master_link_status:up");
            boolean named = inSync && sentinels.stream().allMatch(ManagedProcess::isAlive)
                    && everySentinelNames(primaryAddress);
            if (named) {
                return;
            }
            Pause.millis(100);
        }
        throw new HarnessException("the Sentinel topology was not ready within " + READY_TIMEOUT.toSeconds()
                + " s (replica in sync, every sentinel naming the primary); see the logs under "
                + sentinels.get(0).logFile().getParent().getParent());
    }

    private boolean everySentinelNames(RedisEndpoint.Address address) {
        for (RedisEndpoint.Address sentinel : endpoint.nodes()) {
            RedisEndpoint one = new RedisEndpoint(RedisEndpoint.Kind.SENTINEL, List.of(sentinel), MASTER_NAME, null,
                    null, 0, null);
            try {
                if (!RedisProbe.master(one).nodes().get(0).equals(address)) {
                    return false;
                }
            } catch (HarnessException notYet) {
                return false;
            }
        }
        return true;
    }

    /** The sentinels and the master's name: how the clients reach the topology. */
    public RedisEndpoint endpoint() {
        return endpoint;
    }

    /** The primary as started, for faults done to it (pause, restart). */
    public LocalRedis primary() {
        return primary;
    }

    /** Kills the primary with SIGKILL; returns when, in {@link System#nanoTime()}, for {@link #awaitPromotion}. */
    public long killPrimary() {
        long killedNanos = System.nanoTime();
        primary.kill();
        return killedNanos;
    }

    /**
     * The replica's calls per command once its link to the killed primary is down and before it is promoted:
     * from then on nothing replicates to it, so its counters grow only by what it serves itself. A replica
     * applies every byte it received before it sees the link close, so none of the primary's commands counts
     * after this read.
     *
     * @throws HarnessException when the replica was promoted first, or its link did not go down in time
     */
    public Map<String, Long> replicaCallsCutOffFromPrimary() {
        long deadlineNanos = System.nanoTime() + LINK_DOWN_WAIT.toNanos();
        while (System.nanoTime() < deadlineNanos) {
            String replication = RedisProbe.info(replica.endpoint(), "replication");
            if (replication != null && replication.contains("master_link_status:down")) {
                requireStillReplica(replication);
                Map<String, Long> calls = RedisProbe.commandCalls(replica.endpoint());
                // Still a replica after the read: no write of its own had been let in yet.
                requireStillReplica(RedisProbe.info(replica.endpoint(), "replication"));
                return calls;
            }
            Pause.millis(5);
        }
        throw new HarnessException("the replica's link to the killed primary was not down within "
                + LINK_DOWN_WAIT.toMillis() + " ms");
    }

    private static void requireStillReplica(String replication) {
        if (replication == null || !replication.contains("role:slave")) {
            throw new HarnessException("the replica was promoted (or stopped answering) before its counters were read");
        }
    }

    /**
     * Waits (bounded) until the sentinels name the replica as master.
     *
     * @param killedNanos when the primary was killed ({@link #killPrimary})
     * @return what happened, e.g. "Sentinel promoted the replica 127.0.0.1:41234 2.8 s after the kill"
     */
    public String awaitPromotion(long killedNanos) {
        RedisEndpoint.Address replicaAddress = replica.endpoint().nodes().get(0);
        long deadlineNanos = killedNanos + FAILOVER_WAIT.toNanos();
        while (System.nanoTime() < deadlineNanos) {
            try {
                if (RedisProbe.master(endpoint).nodes().get(0).equals(replicaAddress)) {
                    return String.format(java.util.Locale.ROOT, "Sentinel promoted the replica %s %.1f s after the kill",
                            replicaAddress, (System.nanoTime() - killedNanos) / 1e9);
                }
            } catch (HarnessException notYet) {
                // a sentinel busy electing a leader may not answer
            }
            Pause.millis(100);
        }
        throw new HarnessException("Sentinel did not promote the replica within " + FAILOVER_WAIT.toSeconds() + " s");
    }

    @Override
    public void close() {
        sentinels.forEach(ManagedProcess::close);
        replica.close();
        primary.close();
    }

    private static Path dir(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new HarnessException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }
}
