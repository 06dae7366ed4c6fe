package dev.callq.bench.run;

import dev.callq.bench.env.RedisEndpoint;
import dev.callq.bench.env.RedisProbe;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What consuming costs, read at the start of the measured phase and again once its events have drained:
 * <ul>
 *   <li>the JVM's CPU time, user and system, from {@code /proc/self/stat}: every thread of this process,
 *       so the workers, the client library's own I/O threads (Lettuce's and Redisson's event loops decode
 *       replies there), GC and JIT, and in a synthetic run the producer too (SIP runs produce in Kamailio);</li>
 *   <li>the workers' own CPU time and bytes allocated (ThreadMXBean): the threads that pop and handle
 *       events; for Jedis that includes reading and decoding the reply, for Lettuce and Redisson it does not;</li>
 *   <li>bytes allocated by every thread of the JVM (ThreadMXBean, summed over the live threads; a
 *       thread that ends inside the window takes its count with it);</li>
 *   <li>Redis's CPU time, {@code used_cpu_user} and {@code used_cpu_sys} of INFO cpu.</li>
 * </ul>
 */
final class CostMeter {
    /** USER_HZ: the unit of utime and stime in /proc/self/stat, 100 on Linux for x86 and arm alike. */
    private static final double CLOCK_TICKS_PER_SEC = 100;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final RedisEndpoint redis;
    private final List<Thread> workers;
    private final long startNanos;
    private final double[] jvmStart;
    private final double[] redisStart;
    private final long workerCpuStartNanos;
    private final long workerAllocatedStart;
    private final Map<Long, Long> allocatedStart;

    private CostMeter(RedisEndpoint redis, List<Thread> workers) {
        this.redis = redis;
        this.workers = workers;
        if (THREADS.isThreadCpuTimeSupported() && !THREADS.isThreadCpuTimeEnabled()) {
            THREADS.setThreadCpuTimeEnabled(true);
        }
        this.startNanos = System.nanoTime();
        this.jvmStart = jvmCpuSeconds();
        this.redisStart = RedisProbe.cpuSeconds(redis);
        this.workerCpuStartNanos = cpuNanos(workers);
        this.workerAllocatedStart = allocated(workers);
        this.allocatedStart = allocatedByThread();
    }

    static CostMeter start(RedisEndpoint redis, List<Thread> workers) {
        return new CostMeter(redis, workers);
    }

    /** The costs since start, for {@code events} consumed; call it while the workers still run. */
    ClientResult.Cost stop(long events) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double[] jvmEnd = jvmCpuSeconds();
        double[] redisEnd = RedisProbe.cpuSeconds(redis);
        double workerCpuMillis = (cpuNanos(workers) - workerCpuStartNanos) / 1e6;
        long workerAllocated = allocated(workers) - workerAllocatedStart;
        long jvmAllocated = 0;
        for (Map.Entry<Long, Long> thread : allocatedByThread().entrySet()) {
            jvmAllocated += thread.getValue() - allocatedStart.getOrDefault(thread.getKey(), 0L);
        }
        double perThousand = events > 0 ? 1000.0 / events : Double.NaN;
        Double jvmUser = jvmStart == null || jvmEnd == null ? null : (jvmEnd[0] - jvmStart[0]) * 1000 * perThousand;
        Double jvmSystem = jvmStart == null || jvmEnd == null ? null : (jvmEnd[1] - jvmStart[1]) * 1000 * perThousand;
        Double redisUser = redisStart == null || redisEnd == null ? null : (redisEnd[0] - redisStart[0]) * 1000 * perThousand;
        Double redisSystem = redisStart == null || redisEnd == null ? null : (redisEnd[1] - redisStart[1]) * 1000 * perThousand;
        Double jvmCores = jvmUser == null ? null : (jvmEnd[0] - jvmStart[0] + jvmEnd[1] - jvmStart[1]) / seconds;
        return new ClientResult.Cost(events, round(seconds), round(jvmUser), round(jvmSystem),
                round(workerCpuMillis * perThousand), round(jvmAllocated / 1024.0 * perThousand),
                round(workerAllocated / 1024.0 * perThousand), round(redisUser), round(redisSystem), round(jvmCores));
    }

    /** utime and stime of this process, in seconds; null off Linux. */
    private static double[] jvmCpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
            return new double[] {Long.parseLong(fields[11]) / CLOCK_TICKS_PER_SEC,
                    Long.parseLong(fields[12]) / CLOCK_TICKS_PER_SEC};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long cpuNanos(List<Thread> threads) {
        long total = 0;
        for (Thread thread : threads) {
            total += Math.max(0, THREADS.getThreadCpuTime(thread.getId()));
        }
        return total;
    }

    private static long allocated(List<Thread> threads) {
        long total = 0;
        for (Thread thread : threads) {
            total += Math.max(0, THREADS.getThreadAllocatedBytes(thread.getId()));
        }
        return total;
    }

    private static Map<Long, Long> allocatedByThread() {
        long[] ids = THREADS.getAllThreadIds();
        long[] bytes = THREADS.getThreadAllocatedBytes(ids);
        Map<Long, Long> byThread = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (bytes[i] >= 0) {
                byThread.put(ids[i], bytes[i]);
            }
        }
        return byThread;
    }

    private static Double round(Double value) {
        return value == null || value.isNaN() || value.isInfinite() ? null : Math.round(value * 1000) / 1000.0;
    }
}
