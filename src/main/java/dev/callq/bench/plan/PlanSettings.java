package dev.callq.bench.plan;

import dev.callq.bench.measure.Slo;
import dev.callq.bench.options.RunDefaults;
import dev.callq.bench.options.Warmup;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How {@code callq plan} measures: the worker counts of the saturated sweep, how long each forked
 * run warms up and measures, and the no-work run that finds the Redis ceiling.
 *
 * @param saturationOverload  offered rate of a saturated run as a multiple of N / mean work, the most
 *                            N workers could ever do; above 1, the queue never empties
 * @param redisRtt            round trip added between every party and Redis in each forked run (zero for
 *                            loopback): a plan sized for the network the pool will really run on
 * @param redisRttJitter      how far each of those round trips is drawn from redisRtt, either way (zero for none)
 * @param sweepRepeats        runs at each worker count of the saturated sweep: repeats are what the worker
 *                            count's and the USL's intervals resample
 * @param validationRepeats   runs at each of N − 1, N and N + 1 when validating
 * @param sipLoad             the events come from Kamailio: the plan also sizes Kamailio's SIP workers
 */
public record PlanSettings(double ratePerSec, Slo slo, String serviceTimeSpec, List<String> clients,
                           List<Integer> sweepWorkerCounts, double saturationOverload,
                           double sweepWarmupSeconds, double sweepSeconds,
                           int ceilingWorkers, double ceilingRatePerSec, double ceilingSeconds,
                           boolean validate, double validationWarmupSeconds, double validationSeconds,
                           Path outDir, Duration redisRtt, Duration redisRttJitter, int sweepRepeats,
                           int validationRepeats, boolean sipLoad) {

    public PlanSettings {
        sweepWorkerCounts = List.copyOf(sweepWorkerCounts);
        clients = List.copyOf(clients);
        if (sweepRepeats < 1 || validationRepeats < 1) {
            throw new IllegalArgumentException("--sweep-repeats and --repeats must be at least 1");
        }
    }

    /**
     * Bound on one forked run: a warm-up the JIT may stretch to its default maximum, the measured seconds,
     * a drain after the warm-up and one at the end, and JVM and Redis start-up (as a sweep cell's bound).
     * A saturated run's warm-up leaves a backlog behind it, so on a busy machine both drains are used.
     */
    Duration forkTimeout(double warmupSeconds, double measuredSeconds) {
        double longestWarmupSeconds = Math.max(warmupSeconds, RunDefaults.WARMUP_MAX_SECONDS);
        return Duration.ofSeconds((long) Math.ceil(longestWarmupSeconds + measuredSeconds) + 2L * DRAIN_TIMEOUT_SECONDS + 60);
    }

    static final int DRAIN_TIMEOUT_SECONDS = 30;
}
