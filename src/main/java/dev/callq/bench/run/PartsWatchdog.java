package dev.callq.bench.run;

import dev.callq.bench.env.LocalRedis;
import dev.callq.bench.env.ManagedProcess;
import dev.callq.bench.env.RedisEndpoint;
import dev.callq.bench.env.RespConnection;
import dev.callq.bench.fault.FaultSpec;
import dev.callq.bench.load.Load;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Watches the parts of a run while it measures and drains: the processes it started (Redis, Kamailio, the
 * SIPp UAS), Redis's answers to PING, and callq's own stop (Ctrl-C, SIGTERM). The first part that dies, or a
 * Redis silent for longer than {@link #SILENCE_BOUND}, becomes the run's failure, named with the time, and the
 * load is stopped at once: the run ends within seconds with what it measured, not after SIPp's timeout or
 * the drain's. A Redis silent for longer than the pop timeout that answers again is a stall, for a warning.
 * The SIPp UAC is watched as one of the load's processes: a UAC that ends by itself is fine, one killed is not.
 */
final class PartsWatchdog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PartsWatchdog.class);
    /** How often the parts are checked: a death is noticed within this, plus a PING's timeout. */
    static final Duration POLL = Duration.ofMillis(200);
    /** A PING unanswered this long counts as no answer (a loopback PING takes well under a millisecond). */
    static final Duration PING_TIMEOUT = Duration.ofMillis(300);
    /**
     * A Redis that answers nothing for this long fails the run. Longer than a redis-pause a test makes on
     * purpose (3 to 4 s), short enough that a Redis stopped for good is named within seconds.
     */
    static final Duration SILENCE_BOUND = Duration.ofSeconds(5);
    /** A Redis whose port refuses connections for this long is gone (a restart takes longer than this too). */
    static final Duration REFUSED_BOUND = Duration.ofSeconds(1);

    private final Map<String, BooleanSupplier> processes;
    private final RedisEndpoint redis;
    private final Duration popTimeout;
    private final Runnable stopLoad;
    private final long startMillis = System.currentTimeMillis();
    private final Thread thread;
    private final List<String> stalls = new ArrayList<>();
    private volatile boolean closed;
    private String failure;
    /** True when the failure leaves Redis unusable: Redis's own, or callq stopping (its Redis goes too). */
    private boolean redisUnusable;
    private RespConnection connection;
    /** When Redis last answered, and whether the last try was refused. */
    private long answeredMillis = startMillis;
    private long refusedSinceMillis = -1;

    /**
     * @param processes the processes to watch, by name, each with whether it still runs
     * @param redis     where to PING Redis, or null not to watch it (a fault pauses or restarts it on purpose)
     * @param stopLoad  ends the load early; called once, from the watchdog's thread, on the first failure
     */
    PartsWatchdog(Map<String, BooleanSupplier> processes, RedisEndpoint redis, Duration popTimeout, Runnable stopLoad) {
        this.processes = new LinkedHashMap<>(processes);
        this.redis = redis;
        this.popTimeout = popTimeout;
        this.stopLoad = stopLoad;
        this.thread = new Thread(this::watch, "parts-watchdog");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The watchdog of one client's run: the Redis callq started and the load's processes, and Redis's
     * answers at {@code direct} (around any network proxy), less what the run's faults stop on purpose.
     *
     * @param localRedis the Redis callq started, or null for one it did not
     */
    static PartsWatchdog forRun(List<FaultSpec> faults, LocalRedis localRedis, RedisEndpoint direct, Load load,
                                Duration popTimeout) {
        boolean redisFaults = faults.stream().anyMatch(fault -> fault.kind() == FaultSpec.Kind.REDIS_PAUSE
                || fault.kind() == FaultSpec.Kind.REDIS_RESTART || fault.kind() == FaultSpec.Kind.REDIS_FAILOVER);
        boolean kamailioFaults = faults.stream().anyMatch(fault -> fault.kind() == FaultSpec.Kind.KAMAILIO_RESTART);
        Map<String, BooleanSupplier> processes = new LinkedHashMap<>();
        if (localRedis != null && !redisFaults) {
            processes.put("redis-server", localRedis::isAlive);
        }
        load.processes().forEach((name, alive) -> {
            if (!(kamailioFaults && name.equals("kamailio"))) {
                processes.put(name, alive);
            }
        });
        return new PartsWatchdog(processes, redisFaults ? null : direct, popTimeout, load::stop);
    }

    /** What failed and when, or null while every part is alive; "interrupted…" once callq is stopping. */
    String failure() {
        if (ManagedProcess.shuttingDown()) {
            failed(RunFailure.interruptedNow(), true);
        } else {
            // Asked, it looks at once: a part that died just before (the SIPp UAC, whose end also ends the
            // load) is named rather than what its death did to the run.
            checkProcesses();
        }
        synchronized (this) {
            return failure;
        }
    }

    /** True once Redis cannot be asked anything more this run: do not drain, nor read what is left. */
    boolean redisUnusable() {
        failure();
        synchronized (this) {
            return redisUnusable;
        }
    }

    /** Each time Redis was silent for longer than the pop timeout and then answered again. */
    synchronized List<String> stalls() {
        return List.copyOf(stalls);
    }

    private void watch() {
        while (!closed) {
            check();
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void check() {
        if (failure() == null && redis != null) {
            checkRedis();
        }
    }

    private void checkProcesses() {
        synchronized (this) {
            if (failure != null) {
                return;
            }
        }
        for (Map.Entry<String, BooleanSupplier> process : processes.entrySet()) {
            if (!process.getValue().getAsBoolean()) {
                boolean isRedis = process.getKey().startsWith("redis");
                failed(process.getKey() + " exited at " + clock(System.currentTimeMillis()) + ", "
                        + intoTheRun(System.currentTimeMillis()), isRedis);
                return;
            }
        }
    }

    /** One PING; a silence is timed from Redis's last answer. */
    private void checkRedis() {
        long nowMillis = System.currentTimeMillis();
        try {
            if (connection == null) {
                connection = RespConnection.open(redis, PING_TIMEOUT);
            }
            // Any reply is an answer, an error too (LOADING, NOPERM): Redis is there.
            connection.send("PING");
            answered(nowMillis);
        } catch (IOException | RuntimeException e) {
            closeConnection();
            boolean refused = e instanceof ConnectException || e.getCause() instanceof ConnectException;
            if (!refused) {
                refusedSinceMillis = -1;
            } else if (refusedSinceMillis < 0) {
                refusedSinceMillis = nowMillis;
            }
            long silentMillis = nowMillis - answeredMillis;
            if (refused && nowMillis - refusedSinceMillis >= REFUSED_BOUND.toMillis()) {
                failed("Redis stopped answering at " + clock(refusedSinceMillis) + " (" + intoTheRun(refusedSinceMillis)
                        + "): its port refuses connections, it is gone", true);
            } else if (silentMillis >= SILENCE_BOUND.toMillis()) {
                failed("Redis stopped answering at " + clock(answeredMillis) + " (" + intoTheRun(answeredMillis)
                        + "): no reply to PING for " + SILENCE_BOUND.toSeconds() + " s", true);
            }
        }
    }

    private void answered(long nowMillis) {
        long silentMillis = nowMillis - answeredMillis;
        if (silentMillis > popTimeout.toMillis() + POLL.toMillis() + PING_TIMEOUT.toMillis()) {
            String stall = String.format(Locale.ROOT, "REDIS STALLED: Redis answered nothing for about %.1f s, from %s "
                    + "to %s, longer than the %d ms pop timeout; the backlog of that time is unknown",
                    silentMillis / 1000.0, clock(answeredMillis), clock(nowMillis), popTimeout.toMillis());
            log.warn(stall);
            synchronized (this) {
                stalls.add(stall);
            }
        }
        answeredMillis = nowMillis;
        refusedSinceMillis = -1;
    }

    private void failed(String what, boolean isRedis) {
        synchronized (this) {
            if (!fail(what, isRedis)) {
                return;
            }
        }
        log.warn("{}; stopping the load", failure);
        stopLoad.run();
    }

    /**
     * Records the first failure; a stop of callq that races a part's death (the stop kills every part) is
     * the stop. False when there was one already.
     */
    private boolean fail(String what, boolean isRedis) {
        if (failure != null) {
            return false;
        }
        boolean interrupted = ManagedProcess.shuttingDown();
        failure = interrupted && !what.startsWith(RunFailure.INTERRUPTED) ? RunFailure.interruptedNow() : what;
        redisUnusable = isRedis || interrupted;
        return true;
    }

    private String intoTheRun(long atMillis) {
        return String.format(Locale.ROOT, "%.1f s into the measured phase", (atMillis - startMillis) / 1000.0);
    }

    private static String clock(long epochMillis) {
        return RunFailure.clock(epochMillis);
    }

    private void closeConnection() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    /** Stops watching; what it found stays readable. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(PING_TIMEOUT.plus(POLL).toMillis() * 2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeConnection();
    }
}
