package dev.callq.bench.run;

import dev.callq.bench.env.RedisEndpoint;
import dev.callq.bench.env.RedisProbe;
import dev.callq.bench.measure.ThreadCpu;
import dev.callq.bench.result.ClientResult;
import dev.callq.bench.result.ThreadRole;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What consuming costs, read at the start of the measured phase and again once its events have drained:
 * <ul>
 *   <li>the JVM's CPU time, user and system, from {@code /proc/self/stat}: every thread of this process,
 *       so the workers, the client library's own I/O threads (Lettuce's and Redisson's event loops decode
 *       replies there), GC and JIT, and in a synthetic run the producer too (SIP runs produce in Kamailio);</li>
 *   <li>the same CPU (user and system) and the bytes allocated, split by {@link ThreadRole} (ThreadMXBean):
 *       producer, workers (for Jedis that includes reading and decoding the reply, for Lettuce and Redisson it
 *       does not), client I/O threads, harness threads, the JVM's other Java threads; and what no Java thread
 *       accounts for (GC, JIT, the VM's threads): the JVM's total less the groups';</li>
 *   <li>Redis's CPU time, {@code used_cpu_user} and {@code used_cpu_sys} of INFO cpu.</li>
 * </ul>
 * A thread's counters die with it, so each thread's are read at the start, at the end of the measured phase
 * ({@link #phaseEnded()}) and at the stop, and the last reading of each is kept: a thread that ended in between
 * counts up to its last reading, or up to its very end when it called {@link ThreadCpu#beforeExit()} (the
 * producer's lanes and the workers do).
 */
final class CostMeter {
    /** USER_HZ: the unit of utime and stime in /proc/self/stat, 100 on Linux for x86 and arm alike. */
    private static final double CLOCK_TICKS_PER_SEC = 100;

    private final RedisEndpoint redis;
    private final Set<Long> workerIds;
    private final long startNanos;
    private final double[] jvmStart;
    private final double[] redisStart;
    private final Map<Long, ThreadCpu.Reading> threadsAtStart;
    /** The latest reading of every thread seen since the start. */
    private final Map<Long, ThreadCpu.Reading> threadsLatest = new HashMap<>();

    private CostMeter(RedisEndpoint redis, List<Thread> workers) {
        this.redis = redis;
        this.workerIds = workers.stream().map(Thread::getId).collect(Collectors.toUnmodifiableSet());
        this.startNanos = System.nanoTime();
        this.jvmStart = jvmCpuSeconds();
        this.redisStart = RedisProbe.cpuSeconds(redis);
        this.threadsAtStart = ThreadCpu.readAll();
        threadsLatest.putAll(threadsAtStart);
    }

    static CostMeter start(RedisEndpoint redis, List<Thread> workers) {
        return new CostMeter(redis, workers);
    }

    /** Reads every thread's counters at a phase's end, so that a thread that ends before the stop still counts. */
    synchronized void phaseEnded() {
        threadsLatest.putAll(ThreadCpu.readAll());
    }

    /**
     * The costs since start, for {@code events} consumed; call it while the workers still run. Redis's CPU is
     * read only when {@code redisAnswers}: a Redis the run has given up on (stopped, silent) would hold the
     * run's end for the read's timeout, and its figure is unknown.
     */
    synchronized ClientResult.Cost stop(long events, boolean redisAnswers) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        threadsLatest.putAll(ThreadCpu.readAll());
        double[] jvmEnd = jvmCpuSeconds();
        double[] redisEnd = redisAnswers ? RedisProbe.cpuSeconds(redis) : null;
        double perThousand = events > 0 ? 1000.0 / events : Double.NaN;
        Double jvmUser = jvmStart == null || jvmEnd == null ? null : (jvmEnd[0] - jvmStart[0]) * 1000 * perThousand;
        Double jvmSystem = jvmStart == null || jvmEnd == null ? null : (jvmEnd[1] - jvmStart[1]) * 1000 * perThousand;
        Double redisUser = redisStart == null || redisEnd == null ? null : (redisEnd[0] - redisStart[0]) * 1000 * perThousand;
        Double redisSystem = redisStart == null || redisEnd == null ? null : (redisEnd[1] - redisStart[1]) * 1000 * perThousand;
        Double jvmCores = jvmUser == null ? null : (jvmEnd[0] - jvmStart[0] + jvmEnd[1] - jvmStart[1]) / seconds;
        Map<ThreadRole, long[]> sums = sumsByRole();
        long[] workers = sums.getOrDefault(ThreadRole.WORKERS, new long[4]);
        long allocatedBytes = sums.values().stream().mapToLong(sum -> sum[3]).sum();
        long threadCpuNanos = sums.values().stream().mapToLong(sum -> sum[1] + sum[2]).sum();
        Double untracked = jvmUser == null ? null : jvmUser + jvmSystem - threadCpuNanos / 1e6 * perThousand;
        return new ClientResult.Cost(events, round(seconds), round(jvmUser), round(jvmSystem),
                round((workers[1] + workers[2]) / 1e6 * perThousand), round(allocatedBytes / 1024.0 * perThousand),
                round(workers[3] / 1024.0 * perThousand), round(redisUser), round(redisSystem), round(jvmCores),
                shares(sums, perThousand), round(untracked));
    }

    /** Per role: threads that ran, user CPU ns, system CPU ns, bytes allocated, since the start. */
    private Map<ThreadRole, long[]> sumsByRole() {
        Map<ThreadRole, long[]> sums = new EnumMap<>(ThreadRole.class);
        for (ThreadCpu.Reading latest : threadsLatest.values()) {
            ThreadCpu.Reading start = threadsAtStart.get(latest.threadId());
            long cpu = latest.cpuNanos() - (start == null ? 0 : start.cpuNanos());
            long user = latest.userNanos() - (start == null ? 0 : start.userNanos());
            long allocated = latest.allocatedBytes() - (start == null ? 0 : start.allocatedBytes());
            if (cpu <= 0 && allocated <= 0) {
                continue;  // idle all window long: not one of its group's threads
            }
            ThreadRole role = workerIds.contains(latest.threadId()) ? ThreadRole.WORKERS : ThreadRole.ofName(latest.name());
            long[] sum = sums.computeIfAbsent(role, r -> new long[4]);
            sum[0]++;
            // User time is read a moment after the total, so it may pass it by a tick.
            sum[1] += Math.max(0, Math.min(user, cpu));
            sum[2] += Math.max(0, cpu - Math.max(0, user));
            sum[3] += Math.max(0, allocated);
        }
        return sums;
    }

    private static Map<String, ClientResult.ThreadShare> shares(Map<ThreadRole, long[]> sums, double perThousand) {
        if (Double.isNaN(perThousand)) {
            return null;
        }
        Map<String, ClientResult.ThreadShare> shares = new LinkedHashMap<>();
        sums.forEach((role, sum) -> shares.put(role.key(), new ClientResult.ThreadShare((int) sum[0],
                round(sum[1] / 1e6 * perThousand), round(sum[2] / 1e6 * perThousand),
                round(sum[3] / 1024.0 * perThousand))));
        return shares;
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

    private static Double round(Double value) {
        return value == null || value.isNaN() || value.isInfinite() ? null : Math.round(value * 1000) / 1000.0;
    }
}
