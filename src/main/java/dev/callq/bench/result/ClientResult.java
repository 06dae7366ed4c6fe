package dev.callq.bench.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.callq.bench.load.CallStats;
import dev.callq.bench.measure.Accounting;
import dev.callq.bench.measure.CrossCheck;
import dev.callq.bench.measure.LatencySplit;
import dev.callq.bench.measure.LatencySummary;

import java.util.List;
import java.util.Map;

/**
 * One client's measured run, as written to {@code summary.json}. Documented in results/README.md.
 *
 * @param hlog           the interval log, relative to the results folder
 * @param timeseries     the per-second CSV (consumed/s, backlog, interval p99), relative to the results folder
 * @param throughputPerSec events consumed during the measured phase / its length; the drain after it is in {@code drain}
 * @param warmupSeconds  how long the warm-up ran (it goes on while the JIT compiles; 0 in older results)
 * @param warnings       anything that makes these numbers less than they seem; empty when clean
 * @param failure        what broke once measuring had begun (Redis, Kamailio or SIPp gone); absent when
 *                       nothing did. A result with a failure is untrustworthy, whatever its counts say
 * @param accounting     how the events were reconciled and checked against Redis's counters; null in older results
 * @param latencySplit   enqueue→dequeue split into the producer's, Redis's and the client's shares
 *                       ({@link LatencySplit}); absent when the client's pops were not stamped
 * @param faults         the faults injected into the run ({@code --fault}), each with its start, end and
 *                       recovery; absent when none was
 * @param cost           what consuming cost per 1,000 events; null in older results
 * @param backlogUnknownSeconds how long the sampler could not read the backlog (Redis not answering); absent
 *                       when it read every second. With it, {@code maxBacklog} is the largest of the seconds seen
 * @param sustained      whether the consumers kept up with the offered load ({@link SustainedLoad}); null in
 *                       older results
 * @param drain          what was consumed after the measured phase ended; null in older results
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClientResult(String client, int workers, String pattern, String payload, String load,
                           String serviceTime, CallStats calls, Events events,
                           Map<String, LatencySummary> latencyMicros, double throughputPerSec,
                           double measuredSeconds, double warmupSeconds, long maxBacklog, Producer producer, long pollErrors,
                           String hlog, String timeseries, Map<String, String> clientEnvironment,
                           List<String> warnings, String failure, Reconciled accounting,
                           Map<String, LatencySplit.Part> latencySplit, List<FaultRecord> faults, Cost cost,
                           Double backlogUnknownSeconds, SustainedLoad sustained, Drain drain) {

    /** A result without the unknown backlog, the sustained verdict and the drain, as results written before them. */
    public ClientResult(String client, int workers, String pattern, String payload, String load,
                        String serviceTime, CallStats calls, Events events,
                        Map<String, LatencySummary> latencyMicros, double throughputPerSec,
                        double measuredSeconds, double warmupSeconds, long maxBacklog, Producer producer, long pollErrors,
                        String hlog, String timeseries, Map<String, String> clientEnvironment,
                        List<String> warnings, String failure, Reconciled accounting,
                        Map<String, LatencySplit.Part> latencySplit, List<FaultRecord> faults, Cost cost) {
        this(client, workers, pattern, payload, load, serviceTime, calls, events, latencyMicros, throughputPerSec,
                measuredSeconds, warmupSeconds, maxBacklog, producer, pollErrors, hlog, timeseries, clientEnvironment,
                warnings, failure, accounting, latencySplit, faults, cost, null, null, null);
    }

    /** This result with the time the sampler could not read the backlog, null for none. */
    public ClientResult withBacklogUnknownSeconds(Double seconds) {
        return new ClientResult(client, workers, pattern, payload, load, serviceTime, calls, events, latencyMicros,
                throughputPerSec, measuredSeconds, warmupSeconds, maxBacklog, producer, pollErrors, hlog, timeseries,
                clientEnvironment, warnings, failure, accounting, latencySplit, faults, cost, seconds, sustained, drain);
    }

    /**
     * A result without the reconciliation's details, a latency split, faults or cost figures, as results
     * written before them.
     */
    public ClientResult(String client, int workers, String pattern, String payload, String load,
                        String serviceTime, CallStats calls, Events events,
                        Map<String, LatencySummary> latencyMicros, double throughputPerSec,
                        double measuredSeconds, double warmupSeconds, long maxBacklog, Producer producer, long pollErrors,
                        String hlog, String timeseries, Map<String, String> clientEnvironment,
                        List<String> warnings, String failure) {
        this(client, workers, pattern, payload, load, serviceTime, calls, events, latencyMicros, throughputPerSec,
                measuredSeconds, warmupSeconds, maxBacklog, producer, pollErrors, hlog, timeseries, clientEnvironment,
                warnings, failure, null, null, null, null);
    }

    /** This result with the faults injected into it; none leaves the field out of summary.json. */
    public ClientResult withFaults(List<FaultRecord> faults) {
        return new ClientResult(client, workers, pattern, payload, load, serviceTime, calls, events, latencyMicros,
                throughputPerSec, measuredSeconds, warmupSeconds, maxBacklog, producer, pollErrors, hlog, timeseries,
                clientEnvironment, warnings, failure, accounting, latencySplit,
                faults == null || faults.isEmpty() ? null : List.copyOf(faults), cost, backlogUnknownSeconds, sustained,
                drain);
    }

    /**
     * This result judged by the sustained rule, with the drain apart; a run that did not sustain its load
     * says so first among its warnings.
     */
    public ClientResult withSustained(SustainedLoad sustained, Drain drain) {
        List<String> warned = warnings;
        if (!sustained.sustained()) {
            warned = new java.util.ArrayList<>(warnings);
            warned.add(failure == null ? 0 : 1, sustained.line());
        }
        return new ClientResult(client, workers, pattern, payload, load, serviceTime, calls, events, latencyMicros,
                throughputPerSec, measuredSeconds, warmupSeconds, maxBacklog, producer, pollErrors, hlog, timeseries,
                clientEnvironment, warned, failure, accounting, latencySplit, faults, cost, backlogUnknownSeconds, sustained,
                drain);
    }

    /**
     * What the workers consumed after the measured phase ended, until the queue was empty: reported apart,
     * so that an overloaded run's headline throughput is not raised by a drain running alone on the machine.
     *
     * @param events       events consumed after the measured phase
     * @param seconds      from the end of the measured phase to the last dequeue
     * @param eventsPerSec events / seconds; 0 when nothing was left to drain
     */
    public record Drain(long events, double seconds, double eventsPerSec) {
        /** Nothing drained is 0 s: with no measured event dequeued, the last dequeue time means nothing. */
        public static Drain of(long events, double seconds) {
            if (events <= 0 || !(seconds > 0)) {
                return new Drain(Math.max(0, events), 0, 0);
            }
            return new Drain(events, seconds, events / seconds);
        }
    }

    /** A result in which nothing failed. */
    public ClientResult(String client, int workers, String pattern, String payload, String load,
                        String serviceTime, CallStats calls, Events events,
                        Map<String, LatencySummary> latencyMicros, double throughputPerSec,
                        double measuredSeconds, double warmupSeconds, long maxBacklog, Producer producer, long pollErrors,
                        String hlog, String timeseries, Map<String, String> clientEnvironment,
                        List<String> warnings) {
        this(client, workers, pattern, payload, load, serviceTime, calls, events, latencyMicros, throughputPerSec,
                measuredSeconds, warmupSeconds, maxBacklog, producer, pollErrors, hlog, timeseries, clientEnvironment,
                warnings, null);
    }

    /**
     * The accounting, plus the warm-up events that were consumed and not measured; {@code rePushed} as in
     * {@link Accounting#rePushed()} (0 in results written before it was counted).
     */
    public record Events(long expected, long consumed, long unique, long lost, long duplicates, long unexpected,
                         long malformed, long leftInQueue, long warmupConsumed, String malformedSample,
                         long rePushed) {
        public Events(long expected, long consumed, long unique, long lost, long duplicates, long unexpected,
                      long malformed, long leftInQueue, long warmupConsumed, String malformedSample) {
            this(expected, consumed, unique, lost, duplicates, unexpected, malformed, leftInQueue, warmupConsumed,
                    malformedSample, 0);
        }

        public static Events of(Accounting accounting, long warmupConsumed, String malformedSample) {
            return new Events(accounting.expected(), accounting.consumed(), accounting.unique(), accounting.lost(),
                    accounting.duplicates(), accounting.unexpected(), accounting.malformed(),
                    accounting.leftInQueue(), warmupConsumed, malformedSample, accounting.rePushed());
        }
    }

    /**
     * What consuming cost, per 1,000 events consumed, from the start of the measured phase until its
     * events drained (see {@code CostMeter} for what each figure counts). A figure that could not be
     * read is null.
     *
     * @param events                 events consumed in that window
     * @param seconds                the window's length
     * @param jvmUserCpuMsPer1k      the consumer JVM's user CPU, all its threads
     * @param jvmSystemCpuMsPer1k    the consumer JVM's system CPU, all its threads
     * @param workerCpuMsPer1k       the worker threads' CPU (user and system)
     * @param jvmAllocatedKbPer1k    KiB allocated by every thread of the JVM
     * @param workerAllocatedKbPer1k KiB allocated by the worker threads
     * @param redisUserCpuMsPer1k    Redis's user CPU (INFO cpu)
     * @param redisSystemCpuMsPer1k  Redis's system CPU (INFO cpu)
     * @param jvmCores               the JVM's CPU time over the window's length: cores kept busy on average
     * @param threads                the JVM's Java threads by {@link ThreadRole#key()}, in the enum's order: what
     *                               each group cost (absent in results written before it was recorded)
     * @param untrackedCpuMsPer1k    the JVM's CPU that no Java thread accounts for: garbage collection, the JIT
     *                               compilers, the VM's own threads (and the rounding of /proc's 10 ms ticks);
     *                               null when unknown
     */
    public record Cost(long events, double seconds, Double jvmUserCpuMsPer1k, Double jvmSystemCpuMsPer1k,
                       Double workerCpuMsPer1k, Double jvmAllocatedKbPer1k, Double workerAllocatedKbPer1k,
                       Double redisUserCpuMsPer1k, Double redisSystemCpuMsPer1k, Double jvmCores,
                       Map<String, ThreadShare> threads, Double untrackedCpuMsPer1k) {
        /** Costs without the split by thread group, as results before it carried them. */
        public Cost(long events, double seconds, Double jvmUserCpuMsPer1k, Double jvmSystemCpuMsPer1k,
                    Double workerCpuMsPer1k, Double jvmAllocatedKbPer1k, Double workerAllocatedKbPer1k,
                    Double redisUserCpuMsPer1k, Double redisSystemCpuMsPer1k, Double jvmCores) {
            this(events, seconds, jvmUserCpuMsPer1k, jvmSystemCpuMsPer1k, workerCpuMsPer1k, jvmAllocatedKbPer1k,
                    workerAllocatedKbPer1k, redisUserCpuMsPer1k, redisSystemCpuMsPer1k, jvmCores, null, null);
        }

        /** The share of one group of threads, or null when the split was not recorded or the group had no thread. */
        public ThreadShare share(ThreadRole role) {
            return threads == null ? null : threads.get(role.key());
        }

        /** User plus system CPU of the JVM per 1,000 events, or null. */
        public Double jvmCpuMsPer1k() {
            return jvmUserCpuMsPer1k == null ? null : jvmUserCpuMsPer1k + jvmSystemCpuMsPer1k;
        }

        /** User plus system CPU of Redis per 1,000 events, or null. */
        public Double redisCpuMsPer1k() {
            return redisUserCpuMsPer1k == null ? null : redisUserCpuMsPer1k + redisSystemCpuMsPer1k;
        }
    }

    /**
     * What one group of the JVM's threads cost per 1,000 events consumed (ThreadMXBean): CPU milliseconds, user and
     * system, and KiB allocated. A figure per 1,000 events in milliseconds is the same number in µs per event.
     *
     * @param threads how many threads of the group ran in the window
     */
    public record ThreadShare(int threads, double userCpuMsPer1k, double systemCpuMsPer1k, double allocatedKbPer1k) {
        public double cpuMsPer1k() {
            return userCpuMsPer1k + systemCpuMsPer1k;
        }
    }

    /**
     * The synthetic producer: how well it kept its open-loop schedule. The scheduled rate is 0 in results
     * written before it was recorded.
     *
     * @param client           the client library it pushed with, the same for every client under test (absent in
     *                         results from before the producer was neutral: it was then the client under test)
     * @param pinned           whether it ran on cores of its own
     * @param notPinnedBecause why not
     * @param pushFailureCauses failed pushes (events) by Redis's error class: OOM, LOADING, READONLY, NOAUTH,
     *                         connection lost…; absent when none failed and in older results
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Producer(double targetRate, double scheduledRate, double achievedRate, long pushed, long pushFailures,
                           long notSent, boolean keptSchedule, LatencySummary lagMicros, String client, boolean pinned,
                           String notPinnedBecause, Map<String, Long> pushFailureCauses) {
        /** A producer whose failed pushes were not counted by cause. */
        public Producer(double targetRate, double scheduledRate, double achievedRate, long pushed, long pushFailures,
                        long notSent, boolean keptSchedule, LatencySummary lagMicros, String client, boolean pinned,
                        String notPinnedBecause) {
            this(targetRate, scheduledRate, achievedRate, pushed, pushFailures, notSent, keptSchedule, lagMicros, client,
                    pinned, notPinnedBecause, null);
        }

        /** The failed pushes by cause, "OOM 1834, connection lost 12"; empty when none was counted. */
        public String describeFailureCauses() {
            return pushFailureCauses == null ? "" : String.join(", ", pushFailureCauses.entrySet().stream()
                    .map(cause -> cause.getKey() + " " + cause.getValue()).toList());
        }

        /** A producer whose client and pinning were not recorded. */
        public Producer(double targetRate, double scheduledRate, double achievedRate, long pushed, long pushFailures,
                        long notSent, boolean keptSchedule, LatencySummary lagMicros) {
            this(targetRate, scheduledRate, achievedRate, pushed, pushFailures, notSent, keptSchedule, lagMicros, null,
                    false, null);
        }

        /** A producer that sent its whole schedule (as every producer did before it could stop short). */
        public Producer(double targetRate, double scheduledRate, double achievedRate, long pushed, long pushFailures,
                        boolean keptSchedule, LatencySummary lagMicros) {
            this(targetRate, scheduledRate, achievedRate, pushed, pushFailures, 0, keptSchedule, lagMicros);
        }
    }

    /**
     * How the events were reconciled, and the totals checked against counts kept by Redis and Kamailio.
     *
     * @param basis                "identity" (each expected event by Call-ID and kind) or "counts"
     * @param countOnlyReason      why only counts were known; null when reconciled by identity
     * @param pushedDespiteFailure events whose push was reported failed but that arrived anyway
     * @param crossCheck           each check; a failed one makes the run untrustworthy
     * @param files                the files naming lost, duplicated and unexpected events (lost, duplicates,
     *                             unexpected → file relative to the results folder); only those with a name in them
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Reconciled(String basis, String countOnlyReason, long pushedDespiteFailure,
                             List<CrossCheck> crossCheck, Map<String, String> files) {
        /** The checks that failed. */
        public List<CrossCheck> failedChecks() {
            return crossCheck == null ? List.of() : crossCheck.stream().filter(check -> !check.ok()).toList();
        }
    }
}
