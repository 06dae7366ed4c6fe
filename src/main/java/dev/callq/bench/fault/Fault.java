package dev.callq.bench.fault;

import dev.callq.bench.driver.QueueAdmin;
import dev.callq.bench.driver.QueueSpec;
import dev.callq.bench.env.LocalRedis;
import dev.callq.bench.env.LocalSentinels;
import dev.callq.bench.load.Load;

/**
 * A fault injected into the measured phase: {@link #start} does it, {@link #stop} undoes it (after the
 * spec's length; at once for a fault that is over once done). A kind of fault is one implementation,
 * made by {@link Faults#create}.
 */
public interface Fault {
    FaultSpec spec();

    /**
     * Does the fault.
     *
     * @return what it found worth recording (e.g. the events a killed Redis held), or null
     */
    String start(Targets targets);

    /** Undoes the fault; must be safe to call when {@link #start} failed half-way. */
    default void stop(Targets targets) {
    }

    /**
     * What a fault acts on in one client's run.
     *
     * @param redis   the Redis callq started, or null for an external one
     * @param workers the client's worker pool
     * @param admin   a connection of the fault's own, for reading the queue's length
     * @param workerCount the workers the run started with, whose processing lists a queue's length counts
     * @param load    the load, for faults of Kamailio
     * @param sentinels the Sentinel topology callq started ({@code --redis-sentinel}), or null
     * @param links   the network proxies between the run and Redis, for the proxy's faults (redis-latency, -partition, -reset, -bandwidth), or null
     * @param servers where a fault that replaces the server (restart, failover) leaves the command counters
     *                that bridge the change
     */
    record Targets(LocalRedis redis, CrashableWorkers workers, QueueAdmin admin, QueueSpec spec, int workerCount, Load load,
                   LocalSentinels sentinels, RedisLinks links, CountersAcrossServers servers) {
    }
}
