package dev.callq.bench.plan;

import dev.callq.bench.measure.Slo;
import dev.callq.bench.queueing.HoldingTime;
import dev.callq.bench.queueing.Sizing;
import dev.callq.bench.queueing.UslBootstrap;
import dev.callq.bench.queueing.UslFit;
import dev.callq.bench.queueing.WaitModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The planning arithmetic, free of any measuring: from saturated throughputs X(N), the measured work
 * and the Redis ceiling, it sizes the pool for λ and the objective, and states what would stop more
 * workers from helping. Erlang C (with Allen–Cunneen when Cs² ≠ 1) assumes Poisson arrivals.
 */
public final class CapacityPlanner {
    private static final int USL_MINIMUM_POINTS = 3;

    private CapacityPlanner() {
    }

    /**
     * S from saturated runs: N / X(N) at the smallest measured N, where the pool is busy all the time
     * and Redis is not the bottleneck, so the figure is the holding time and not contention; the mean
     * over the repeats at that N.
     */
    public static double holdingMicrosFromSaturatedRuns(List<UslFit.Point> saturated) {
        return lowestPoolRuns(saturated).stream().mapToDouble(CapacityPlanner::holdingMicros).average().orElseThrow();
    }

    /** N / X(N) of one saturated run, in µs. */
    static double holdingMicros(UslFit.Point run) {
        if (!(run.throughputPerSec() > 0.0)) {
            throw new IllegalArgumentException("the saturated run at " + (int) run.concurrency()
                    + " workers consumed nothing; no holding time can be derived");
        }
        return run.concurrency() / run.throughputPerSec() * 1e6;
    }

    /** The runs (repeats) at the smallest measured pool. */
    static List<UslFit.Point> lowestPoolRuns(List<UslFit.Point> saturated) {
        double lowest = saturated.stream().mapToDouble(UslFit.Point::concurrency).min()
                .orElseThrow(() -> new IllegalArgumentException("no saturated run to take the holding time from"));
        return saturated.stream().filter(p -> p.concurrency() == lowest).toList();
    }

    public static ClientPlan plan(String client, double ratePerSec, Slo slo, List<UslFit.Point> saturated,
                                  HoldingTime holding, double redisCeilingPerSec) {
        if (!(ratePerSec > 0.0) || Double.isInfinite(ratePerSec)) {
            throw new IllegalArgumentException("rate must be a positive number of events/s, not " + ratePerSec);
        }
        WaitModel model = new WaitModel(ratePerSec, holding.meanMicros(), holding.squaredCoefficientOfVariation());
        Sizing sizing = model.size(slo.percentile(), slo.waitTargetMicros());
        Optional<UslFit> usl = saturated.stream().mapToDouble(UslFit.Point::concurrency).distinct().count()
                >= USL_MINIMUM_POINTS ? Optional.of(UslFit.fit(saturated)) : Optional.empty();
        Optional<UslBootstrap> intervals = UslBootstrap.possible(saturated)
                ? Optional.of(UslBootstrap.of(saturated)) : Optional.empty();
        List<String> limits = limits(ratePerSec, sizing.workers(), usl, redisCeilingPerSec);
        return new ClientPlan(client, ratePerSec, slo, holding, sizing, usl, intervals, redisCeilingPerSec, limits);
    }

    private static List<String> limits(double ratePerSec, int workers, Optional<UslFit> usl,
                                       double redisCeilingPerSec) {
        List<String> limits = new ArrayList<>();
        if (ratePerSec >= redisCeilingPerSec) {
            limits.add(String.format(Locale.ROOT, "%.0f events/s is at or above the single Redis thread's ceiling "
                    + "of %.0f events/s measured with no work: no number of workers can carry it", ratePerSec,
                    redisCeilingPerSec));
        }
        if (usl.isPresent() && usl.get().peakWorkers().isPresent()) {
            double peakWorkers = usl.get().peakWorkers().getAsDouble();
            double peakThroughput = usl.get().peakThroughput().getAsDouble();
            if (workers > peakWorkers) {
                limits.add(String.format(Locale.ROOT, "Erlang C asks for %d workers, beyond the USL peak N* = %.1f: "
                        + "workers past N* lower throughput, so adding them cannot meet the objective", workers,
                        peakWorkers));
            } else if (ratePerSec >= peakThroughput) {
                limits.add(String.format(Locale.ROOT, "%.0f events/s is at or above the USL peak throughput of "
                        + "%.0f events/s: adding workers cannot carry it", ratePerSec, peakThroughput));
            }
        }
        return List.copyOf(limits);
    }
}
