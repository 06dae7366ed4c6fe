package dev.callq.bench.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.callq.bench.env.Provenance;
import dev.callq.bench.queueing.HoldingTime;

import java.util.List;

/**
 * The contents of {@code plan.json}, written by {@link PlanJson#write} and read back by {@link PlanJson#read};
 * results/README.md documents the fields. A field that schema 1 did not have (the load, the Redis round trip,
 * the worker interval, the validation summary, the agreement, the USL's intervals, provenance) reads as null
 * from a schema 1 file.
 *
 * @param rate           target events/s (λ)
 * @param load           "sip" or "synthetic"
 * @param redisRttMicros the round trip {@code --redis-rtt} added to every forked run, 0 on plain loopback
 */
public record PlanFile(int schema, double rate, Objective slo, String serviceTime, String arrivalsAssumed,
                       String load, Long redisRttMicros, Long redisRttJitterMicros, Environment environment,
                       List<Client> clients, Provenance provenance) {

    /** The objective on enqueue → dequeue wait: {@code p99=20ms}, 0.99, 20,000 µs. */
    public record Objective(String text, double percentile, double waitTargetMicros) {
        /** {@code p99} of {@code p99=20ms}. */
        public String label() {
            return text.split("=")[0];
        }
    }

    /** The machine when the plan finished: its cores and the 1-minute load average. */
    public record Environment(int cpus, double loadAverageAtEnd) {
        public boolean busierThanItsCores() {
            return loadAverageAtEnd > cpus;
        }
    }

    /**
     * One client's plan.
     *
     * @param limits          why adding workers cannot meet the objective, empty when it can
     * @param kamailioWorkers under SIP load only
     * @param agreement       null without validation
     */
    public record Client(String client, int recommendedWorkers, WorkerInterval workerInterval, boolean feasible,
                         List<String> limits, double holdingTimeMicros, HoldingTime holdingTime, ErlangC erlangC,
                         Usl usl, double redisCeilingPerSec,
                         @JsonInclude(JsonInclude.Include.NON_NULL) KamailioWorkers kamailioWorkers,
                         List<ValidationRun> validation, List<ValidationSummary> validationSummary,
                         Agreement agreement, List<RunEvidence> evidence) {
        public Client {
            // A schema 1 file has no validation summary, and a list left out reads as none, never as null.
            limits = limits == null ? List.of() : limits;
            validation = validation == null ? List.of() : validation;
            validationSummary = validationSummary == null ? List.of() : validationSummary;
            evidence = evidence == null ? List.of() : evidence;
        }
    }

    /** The recommended pool's worker count, bootstrapped. */
    public record WorkerInterval(int workers, int low, int high, double confidence, int resamples, long seed,
                                 long workDurations, int saturatedRepeats, Bounds holdingTimeMicros, String text,
                                 List<WorkerCountInterval.Chance> sloChance) {
    }

    /** An interval's ends; an unbounded end (no peak in some resamples) is null. */
    public record Bounds(Double low, Double high) {
    }

    /**
     * Erlang C for the recommended pool.
     *
     * @param oneFewer the same for one worker fewer, absent when the recommendation is one worker
     */
    public record ErlangC(double offeredLoadErlangs, double utilisation, double probabilityOfWaiting,
                          double predictedP99WaitMicros, double predictedSloWaitMicros, double predictedMeanWaitMicros,
                          double allenCunneenFactor, @JsonInclude(JsonInclude.Include.NON_NULL) Estimate oneFewer) {
    }

    /** A pool's Erlang C estimate; an unstable pool (c ≤ A) has only its workers and offered load. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Estimate(int workers, double offeredLoadErlangs, Double utilisation, Double probabilityOfWaiting,
                           Double meanWaitMicros, Double percentile, Double percentileWaitMicros, boolean stable) {
    }

    /**
     * The Universal Scalability Law fitted to the saturated throughputs; every figure null when it was not
     * fitted, the peak null when κ = 0, the Amdahl limit null when σ = 0.
     */
    public record Usl(Double sigma, Double kappa, Double lambda, Double rSquared, Double peakWorkers,
                      Double peakThroughput, Double amdahlLimit, UslIntervals intervals, List<Point> points) {
    }

    /** A saturated run: its workers and the throughput they carried. */
    public record Point(int workers, double throughputPerSec) {
    }

    /** The USL figures' bootstrap intervals. */
    public record UslIntervals(double confidence, int resamples, int failedResamples, String method, long seed,
                               Bounds sigma, Bounds kappa, Bounds lambda, Bounds peakWorkers, Bounds highestThroughput,
                               Bounds amdahlLimit) {
    }

    /** Whether the validation runs agree with the model; {@code measuredWorkers} null when no pool met it. */
    public record Agreement(boolean agree, int modelWorkers, Integer measuredWorkers, String text) {
    }
}
