package dev.callq.bench.measure;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CPU time (user and system) and bytes allocated by each Java thread, from the JVM's ThreadMXBean. A thread's
 * counters die with it, so a thread that may end inside a measured window (a producer lane, a worker that
 * crashes on purpose) calls {@link #beforeExit()} last: its final reading is kept here and {@link #readAll()}
 * returns it beside the live threads'. Threads that end without calling it are counted up to the last
 * {@link #readAll()} that saw them alive.
 */
public final class ThreadCpu {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    /** The last reading of each thread that said it was ending, by thread id (ids are never reused). */
    private static final Map<Long, Reading> ENDED = new ConcurrentHashMap<>();

    static {
        if (THREADS.isThreadCpuTimeSupported() && !THREADS.isThreadCpuTimeEnabled()) {
            THREADS.setThreadCpuTimeEnabled(true);
        }
    }

    /** One thread's counters since it started; a counter the JVM cannot read is 0. */
    public record Reading(long threadId, String name, long cpuNanos, long userNanos, long allocatedBytes) {
        public long systemNanos() {
            return Math.max(0, cpuNanos - userNanos);
        }
    }

    private ThreadCpu() {
    }

    /** Keeps the calling thread's final counters: call it as the last thing its run() does, in a finally. */
    public static void beforeExit() {
        Thread self = Thread.currentThread();
        ENDED.put(self.getId(), new Reading(self.getId(), self.getName(), Math.max(0, THREADS.getCurrentThreadCpuTime()),
                Math.max(0, THREADS.getCurrentThreadUserTime()), Math.max(0, THREADS.getThreadAllocatedBytes(self.getId()))));
    }

    /** Every live thread's counters, and the final counters of the threads that ended through {@link #beforeExit()}. */
    public static Map<Long, Reading> readAll() {
        Map<Long, Reading> readings = new HashMap<>(ENDED);
        long[] ids = THREADS.getAllThreadIds();
        ThreadInfo[] infos = THREADS.getThreadInfo(ids, 0);
        long[] cpu = THREADS.getThreadCpuTime(ids);
        long[] user = THREADS.getThreadUserTime(ids);
        long[] allocated = THREADS.getThreadAllocatedBytes(ids);
        for (int i = 0; i < ids.length; i++) {
            // A thread that ended between the calls reads -1 or has no info; its ENDED reading (if any) stands.
            if (infos[i] != null && cpu[i] >= 0) {
                readings.put(ids[i], new Reading(ids[i], infos[i].getThreadName(), cpu[i], Math.max(0, user[i]),
                        Math.max(0, allocated[i])));
            }
        }
        return readings;
    }
}
