package dev.callq.bench.sweep;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.callq.bench.measure.CrossCheck;
import dev.callq.bench.measure.LatencySplit;
import dev.callq.bench.measure.LatencySummary;
import dev.callq.bench.measure.Metric;
import dev.callq.bench.driver.QueuePattern;
import dev.callq.bench.result.ClientResult;
import dev.callq.bench.result.DeliveryPromise;
import dev.callq.bench.result.FaultRecord;
import dev.callq.bench.options.RunOptions;
import dev.callq.bench.run.ForkedRun;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One cell's row in {@code sweep.json} and {@code sweep.csv}: its axes, where its results folder is,
 * and the numbers a comparison needs. Everything else stays in the cell's own {@code summary.json}.
 *
 * @param folder       the cell's results folder, relative to the sweep folder
 * @param exitCode     the forked run's exit code: 0 trustworthy, 3 not (see the cell's warnings); -1 it failed
 * @param error        why the cell failed, when it did
 * @param producerAchievedRatePerSec synthetic load only
 * @param producerLagP99Micros       synthetic load only
 * @param faults       the cell's {@code --fault} specs; absent without faults
 * @param recoverySeconds the slowest recovery of the cell's faults; absent when one never recovered
 * @param faultMaxP99Micros the worst per-second p99 enqueue→dequeue while a fault lasted and until it had recovered
 * @param promiseKept  whether the pattern's {@link DeliveryPromise} held; absent without faults
 * @param splitProducerP50Micros the {@link LatencySplit} of enqueue→dequeue, p50 and p99 of each stacked part;
 *                     absent when the cell's pops were not stamped (or, for the producer, without one)
 * @param crossChecks  the accounting's totals against Redis's (and Kamailio's) own counters: "yes: " and what
 *                     was checked, or "NO: " and what disagreed, with both counts; absent when nothing was
 * @param sustained    the run's sustained verdict ({@code result.SustainedLoad}): "sustained", "NOT SUSTAINED" or
 *                     "not judged"; absent for a failed cell and in older results
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CellResult(int index, String name, String client, String pattern, int workers, String rate,
                         String offeredRate, String serviceTime, int repeat, String folder, int exitCode,
                         boolean trustworthy, String error, Double throughputPerSec,
                         Long enqueueToDequeueP50Micros, Long enqueueToDequeueP90Micros,
                         Long enqueueToDequeueP99Micros, Long enqueueToDequeueP999Micros,
                         Long enqueueToDequeueMaxMicros, Double producerAchievedRatePerSec,
                         Long producerLagP99Micros, Long eventsExpected, Long eventsLost, Long eventsDuplicates,
                         Long eventsLeftInQueue, Long maxBacklog, List<String> faults, Double recoverySeconds,
                         Long faultMaxP99Micros, Boolean promiseKept, Double jvmCpuMsPer1k, Double jvmAllocatedKbPer1k,
                         Double redisCpuMsPer1k, Long splitProducerP50Micros, Long splitProducerP99Micros,
                         Long splitRedisP50Micros, Long splitRedisP99Micros, Long splitClientP50Micros,
                         Long splitClientP99Micros, String crossChecks, String sustained) {

    static CellResult of(SweepCell cell, String folder, ForkedRun.Outcome outcome) {
        ClientResult result = outcome.summary().clients().get(0);
        LatencySummary wait = result.latencyMicros().get(Metric.ENQUEUE_TO_DEQUEUE.tag());
        ClientResult.Producer producer = result.producer();
        ClientResult.Cost cost = result.cost();
        Map<String, LatencySplit.Part> split = result.latencySplit() == null ? Map.of() : result.latencySplit();
        return new CellResult(cell.index(), cell.name(), cell.client(), cell.pattern(), cell.workers(), cell.rate(),
                cell.offeredRate(), cell.serviceTime(), cell.repeat(), folder, outcome.exitCode(),
                outcome.trustworthy(), null, result.throughputPerSec(),
                wait.p50(), wait.p90(), wait.p99(), wait.p999(), wait.max(),
                producer == null ? null : producer.achievedRate(),
                producer == null || producer.lagMicros() == null ? null : producer.lagMicros().p99(),
                result.events().expected(), result.events().lost(), result.events().duplicates(),
                result.events().leftInQueue(), result.maxBacklog(), cell.faults().isEmpty() ? null : cell.faults(),
                slowestRecovery(result.faults()), worstP99(result.faults()),
                cell.faults().isEmpty() ? null : promiseKept(outcome, result),
                cost == null ? null : cost.jvmCpuMsPer1k(), cost == null ? null : cost.jvmAllocatedKbPer1k(),
                cost == null ? null : cost.redisCpuMsPer1k(),
                p50(split, LatencySplit.PRODUCER), p99(split, LatencySplit.PRODUCER),
                p50(split, LatencySplit.REDIS), p99(split, LatencySplit.REDIS),
                p50(split, LatencySplit.CLIENT), p99(split, LatencySplit.CLIENT), crossChecks(result),
                result.sustained() == null ? null : result.sustained().verdict());
    }

    /** How {@link #crossChecks} begins when a check failed. */
    private static final String COUNTERS_DISAGREE = "NO: ";

    /** True when the accounting disagreed with Redis's (or Kamailio's) own counters. */
    public boolean countersDisagree() {
        return crossChecks != null && crossChecks.startsWith(COUNTERS_DISAGREE);
    }

    private static String crossChecks(ClientResult result) {
        List<CrossCheck> checks = result.accounting() == null || result.accounting().crossCheck() == null ? List.of()
                : result.accounting().crossCheck();
        if (checks.isEmpty()) {
            return null;
        }
        List<CrossCheck> failed = result.accounting().failedChecks();
        if (!failed.isEmpty()) {
            return COUNTERS_DISAGREE + failed.stream().map(c -> c.subject() + " " + c.expected() + " vs " + c.observed())
                    .collect(Collectors.joining(", "));
        }
        return "yes: " + checks.stream().map(CrossCheck::subject).collect(Collectors.joining(", "));
    }

    private static Long p50(Map<String, LatencySplit.Part> split, String part) {
        return split.containsKey(part) ? split.get(part).p50Micros() : null;
    }

    private static Long p99(Map<String, LatencySplit.Part> split, String part) {
        return split.containsKey(part) ? split.get(part).p99Micros() : null;
    }

    /** The pattern's promise against what the cell lost and duplicated ({@link DeliveryPromise}). */
    private static boolean promiseKept(ForkedRun.Outcome outcome, ClientResult result) {
        QueuePattern pattern = RunOptions.parseEnum(QueuePattern.class, result.pattern(), "pattern");
        Object batch = outcome.summary().config().get("batchSize");
        long perPop = pattern == QueuePattern.BLPOP || pattern == QueuePattern.RELIABLE || !(batch instanceof Number n)
                ? 1 : n.longValue();
        return DeliveryPromise.of(pattern).keptBy(result.events().lost(), result.events().duplicates(),
                result.events().leftInQueue(), result.workers() * perPop);
    }

    private static Double slowestRecovery(List<FaultRecord> faults) {
        if (faults == null || faults.isEmpty()) {
            return null;
        }
        double slowest = 0;
        for (FaultRecord fault : faults) {
            if (fault.startedAtMicros() == 0) {
                continue;
            }
            if (fault.recoverySeconds() == null) {
                return null;
            }
            slowest = Math.max(slowest, fault.recoverySeconds());
        }
        return slowest;
    }

    private static Long worstP99(List<FaultRecord> faults) {
        return faults == null ? null : faults.stream().map(FaultRecord::maxP99DuringMicros)
                .filter(java.util.Objects::nonNull).max(Long::compare).orElse(null);
    }

    static CellResult failed(SweepCell cell, String folder, String error) {
        return new CellResult(cell.index(), cell.name(), cell.client(), cell.pattern(), cell.workers(), cell.rate(),
                cell.offeredRate(), cell.serviceTime(), cell.repeat(), folder, -1, false, error,
                null, null, null, null, null, null, null, null, null, null, null, null, null,
                cell.faults().isEmpty() ? null : cell.faults(), null, null, cell.faults().isEmpty() ? null : false,
                null, null, null, null, null, null, null, null, null, null, null);
    }

    /** False only when the cell's run was judged and did not sustain its load. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean notSustained() {
        return dev.callq.bench.result.SustainedLoad.NOT_SUSTAINED.equals(sustained);
    }
}
