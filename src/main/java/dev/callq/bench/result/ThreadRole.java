package dev.callq.bench.result;

import java.util.Locale;

/**
 * What a thread of the JVM does in a run, told by its name: the split of the JVM's CPU and allocation that shows
 * the client's cost apart from the harness's. The names are the ones the harness gives its threads
 * ({@code producer-N}, {@code <client>-worker-N}, {@code <client>-sampler}, ...) and the ones the client
 * libraries give theirs.
 */
public enum ThreadRole {
    /** The synthetic producer's lanes: each writes on {@code producer-N} and reads its replies on {@code producer-N-replies}. */
    PRODUCER("producer", "producer"),
    /** The pool's worker threads: the client's blocking pops, and the harness's decoding, accounting, recording, work. */
    WORKERS("workers", "workers"),
    /** The client library's own threads: Lettuce's and Redisson's event loops (their pops' I/O), timers, pools. */
    CLIENT_IO("clientIo", "client I/O threads"),
    /** The harness's threads beside the workers: the sampler (interval logs, time series, progress), the phases. */
    HARNESS("harness", "harness threads"),
    /**
     * The JVM's other Java threads: reference handling, finalizer, JFR. Its JIT compiler and GC threads are not
     * Java threads: their CPU is the JVM's total less the groups' ({@code ClientResult.Cost#untrackedCpuMsPer1k}).
     */
    JVM("jvm", "other JVM threads");

    private final String key;
    private final String label;

    ThreadRole(String key, String label) {
        this.key = key;
        this.label = label;
    }

    /** The key in summary.json. */
    public String key() {
        return key;
    }

    /** The row label in tables. */
    public String label() {
        return label;
    }

    /** The role of a thread that is not one of the pool's workers (those are known by identity, not name). */
    public static ThreadRole ofName(String threadName) {
        String name = threadName.toLowerCase(Locale.ROOT);
        if (name.startsWith("producer-")) {
            return PRODUCER;
        }
        if (name.equals("main") || name.startsWith("callq-") || name.endsWith("-sampler") || name.contains("-fault-")
                || name.startsWith("timeseries-") || name.startsWith("redis-stalls") || name.startsWith("stop-forked")) {
            return HARNESS;
        }
        if (name.contains("lettuce") || name.contains("redisson") || name.contains("netty")
                || name.contains("eventloop") || name.contains("commons-pool") || name.contains("jedis")) {
            return CLIENT_IO;
        }
        return JVM;
    }
}
