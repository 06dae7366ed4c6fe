package dev.callq.bench.fault;

import dev.callq.bench.env.LocalRedis;
import dev.callq.bench.env.LocalSentinels;
import dev.callq.bench.env.RedisProbe;
import dev.callq.bench.HarnessException;
import dev.callq.bench.load.LoadKind;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The implementation of each kind of fault, and the checks that a run can have the faults it asks for. */
public final class Faults {
    /** How long a consumer-crash waits for its workers to pop something and die. */
    private static final Duration CRASH_WAIT = Duration.ofSeconds(5);
    /** Longer than the reads before a kill and the kill take; the server that follows is not paused. */
    private static final Duration WRITES_PAUSED_FOR_KILL = Duration.ofSeconds(2);

    private Faults() {
    }

    /** The fault a spec asks for; sip-loss is SIPp's own setting and does nothing at a time. */
    static Fault create(FaultSpec spec) {
        return switch (spec.kind()) {
            case REDIS_PAUSE -> new RedisPause(spec);
            case REDIS_RESTART -> new RedisRestart(spec);
            case CONSUMER_CRASH -> new ConsumerCrash(spec);
            case KAMAILIO_RESTART -> new KamailioRestart(spec);
            case SIP_LOSS -> new WholeRun(spec);
            case REDIS_FAILOVER -> new RedisFailover(spec);
            case REDIS_LATENCY -> new RedisLatency(spec);
            case REDIS_PARTITION -> new RedisPartition(spec);
            case REDIS_RESET -> new RedisReset(spec);
            case REDIS_BANDWIDTH -> new RedisBandwidth(spec);
        };
    }

    /**
     * Two faults of one kind at once cannot both be what the record says: the first to end would end the other
     * (one SIGCONT resumes a Redis two pauses stopped, one proxy setting replaces another), so they are refused.
     */
    public static void requireNoOverlap(List<FaultSpec> faults) {
        for (int i = 0; i < faults.size(); i++) {
            for (int j = i + 1; j < faults.size(); j++) {
                FaultSpec a = faults.get(i);
                FaultSpec b = faults.get(j);
                if (a.kind() == b.kind() && sameSide(a, b) && overlap(a, b)) {
                    throw new IllegalArgumentException("--fault " + a + " and --fault " + b + " overlap: one "
                            + a.kind().cliName() + " at a time (the first to end would end the other)");
                }
            }
        }
    }

    /** The proxy has a link per side: a fault on the workers' and one on the producer's do not touch. */
    private static boolean sameSide(FaultSpec a, FaultSpec b) {
        return a.side() == b.side() || a.side() == FaultSpec.Side.ALL || b.side() == FaultSpec.Side.ALL;
    }

    /** Whether two faults are on at one instant; a fault of the whole run (sip-loss) overlaps every other. */
    private static boolean overlap(FaultSpec a, FaultSpec b) {
        if (a.at().equals(b.at())) {
            return true;
        }
        return a.at().compareTo(b.end()) < 0 && b.at().compareTo(a.end()) < 0;
    }

    /** SIGSTOP for the spec's length, then SIGCONT: connections stay open, Redis answers nothing. */
    private record RedisPause(FaultSpec spec) implements Fault {
        @Override
        public String start(Targets targets) {
            targets.redis().pause();
            return null;
        }

        @Override
        public void stop(Targets targets) {
            targets.redis().resume();
        }
    }

    /**
     * kill -9 and the same Redis again. What the queue held is read just before the kill: without
     * persistence those events are what the restart loses: writes are paused (CLIENT PAUSE WRITE) from the
     * read to the kill. The restarted server counts its commands from zero.
     */
    private record RedisRestart(FaultSpec spec) implements Fault {
        @Override
        public String start(Targets targets) {
            String held;
            boolean paused = false;
            try {
                // Writes (pushes and pops) wait from here to the kill, so the length read is what the kill loses.
                pauseWritersForKill(targets.redis());
                paused = true;
                held = "the queue held " + (targets.admin().backlog(targets.spec())
                        + targets.admin().pending(targets.spec(), targets.workerCount())) + " events at the kill";
            } catch (RuntimeException e) {
                held = "the queue's length before the kill is unknown (" + e.getMessage() + ")";
            }
            Map<String, Long> callsAtKill = null;
            if (paused) {
                callsAtKill = callsBeforeKill(targets.redis(), targets.servers());
            } else {
                // Counters read while writers run would miss what ran between the read and the kill.
                targets.servers().unreadable("the server's writers could not be paused before the kill");
            }
            targets.redis().killAndRestart();
            if (callsAtKill != null) {
                targets.servers().replaced(callsAtKill, Map.of());
            }
            return held;
        }
    }

    private static void pauseWritersForKill(LocalRedis server) {
        RedisProbe.pauseWriters(server.endpoint(), WRITES_PAUSED_FOR_KILL);
    }

    /**
     * The command counters of a server about to be killed, its writers paused (so that none runs between this
     * read and the kill); null, with the reason given to {@code servers}, when they cannot be read.
     */
    private static Map<String, Long> callsBeforeKill(LocalRedis server, CountersAcrossServers servers) {
        try {
            return RedisProbe.commandCalls(server.endpoint());
        } catch (RuntimeException e) {
            servers.unreadable("the killed server's counters could not be read before the kill (" + e.getMessage()
                    + ")");
            return null;
        }
    }

    /**
     * kill -9 of the primary; Sentinel promotes the replica. What replication had not yet copied is lost,
     * and the accounting counts it; the clients find the new primary through the sentinels, or do not. The
     * primary's counters are read in the instant before the kill, writers paused, and the replica's once its
     * link to the primary is down, so that the phase's commands are the primary's up to the kill plus what the
     * replica served itself once promoted.
     */
    private record RedisFailover(FaultSpec spec) implements Fault {
        @Override
        public String start(Targets targets) {
            LocalSentinels topology = targets.sentinels();
            Map<String, Long> primaryAtKill;
            try {
                pauseWritersForKill(topology.primary());
                primaryAtKill = callsBeforeKill(topology.primary(), targets.servers());
            } catch (RuntimeException e) {
                targets.servers().unreadable("the primary's writers could not be paused before the kill ("
                        + e.getMessage() + ")");
                primaryAtKill = null;
            }
            long killedNanos = topology.killPrimary();
            try {
                Map<String, Long> replicaAtCutOff = topology.replicaCallsCutOffFromPrimary();
                if (primaryAtKill != null) {
                    targets.servers().replaced(primaryAtKill, replicaAtCutOff);
                }
            } catch (RuntimeException e) {
                targets.servers().unreadable("the counters of the replica could not be read between the kill and "
                        + "its promotion (" + e.getMessage() + ")");
            }
            return topology.awaitPromotion(killedNanos);
        }
    }

    /** Workers die after their pop, before their work, their connection closed without acknowledging. */
    private record ConsumerCrash(FaultSpec spec) implements Fault {
        @Override
        public String start(Targets targets) {
            long held = targets.workers().crash(spec.crashedWorkers(), CRASH_WAIT);
            return spec.crashedWorkers() + " worker(s) died holding " + held + " popped event(s)";
        }
    }

    /** Kamailio stopped and started again on the same port. */
    private record KamailioRestart(FaultSpec spec) implements Fault {
        @Override
        public String start(Targets targets) {
            if (!targets.load().restartKamailio()) {
                throw new HarnessException("this load has no Kamailio to restart");
            }
            return null;
        }
    }

    /**
     * The spec's round trip added to the base delay of its side's links (through the network proxy), then
     * taken off again. Bytes already held keep their release time, so the change applies to what is sent
     * after it.
     */
    private record RedisLatency(FaultSpec spec) implements Fault {
        @Override
        public String start(Targets targets) {
            targets.links().addLatency(spec.side(), spec.addedRoundTrip());
            return null;
        }

        @Override
        public void stop(Targets targets) {
            targets.links().restoreLatency(spec.side());
        }
    }

    /**
     * A partition of its side's links: packets vanish. The proxy stops forwarding and reading either way and
     * accepts no new connection, but closes nothing, so parties see silence rather than an error, as across
     * a real partition: their own timeouts decide when to give up and reconnect. When it heals, what the
     * proxy held is delivered, as TCP retransmission would, to whichever connections are still open.
     */
    private record RedisPartition(FaultSpec spec) implements Fault {
        @Override
        public String start(Targets targets) {
            targets.links().proxies(spec.side()).forEach(proxy -> proxy.blackhole(true));
            return null;
        }

        @Override
        public void stop(Targets targets) {
            targets.links().proxies(spec.side()).forEach(proxy -> proxy.blackhole(false));
        }
    }

    /**
     * Every connection of its side's links closed once with a TCP reset on both sides, as when a NAT or a
     * firewall forgets the flow: what was in flight either way is gone, and each client sees "connection
     * reset" at once and reconnects through the same proxy. Redis drops the blocked pops of the closed
     * connections; a reply it had already sent (a popped event) is lost with the connection.
     */
    private record RedisReset(FaultSpec spec) implements Fault {
        @Override
        public String start(Targets targets) {
            int reset = targets.links().proxies(spec.side()).stream().mapToInt(proxy -> proxy.resetAll()).sum();
            return reset + " connection(s) reset";
        }
    }

    /** Each direction of its side's links capped at the spec's rate (each proxy is one link), then uncapped. */
    private record RedisBandwidth(FaultSpec spec) implements Fault {
        @Override
        public String start(Targets targets) {
            targets.links().capBandwidth(spec.side(), spec.bytesPerSecond());
            return null;
        }

        @Override
        public void stop(Targets targets) {
            targets.links().capBandwidth(spec.side(), 0);
        }
    }

    /** A fault the load applies from start to end (SIPp's -lost); nothing happens at a time. */
    private record WholeRun(FaultSpec spec) implements Fault {
        @Override
        public String start(Targets targets) {
            return null;
        }
    }
}
