package dev.callq.bench.plan;

import dev.callq.bench.measure.Slo;
import dev.callq.bench.queueing.HoldingTime;
import dev.callq.bench.queueing.PoolEstimate;
import dev.callq.bench.queueing.Sizing;
import dev.callq.bench.queueing.UslBootstrap;
import dev.callq.bench.queueing.UslFit;
import dev.callq.bench.queueing.WaitModel;

import java.util.List;
import java.util.Optional;

/**
 * One client's plan from its measurements: the pool Erlang C asks for, where the Universal
 * Scalability Law says adding workers stops paying, and the Redis ceiling; {@link #limits()} says in
 * words why adding workers cannot meet the objective, and is empty when they can.
 *
 * @param redisCeilingPerSec  the highest rate this Redis carried with no work at all (NaN when not measured)
 * @param usl                 the fit to the saturated throughputs; empty with fewer than three worker counts
 * @param uslIntervals        the fit's bootstrap intervals; empty with fewer than {@value UslBootstrap#MINIMUM_POINTS}
 *                            points, where a three-parameter fit says nothing of the noise
 */
public record ClientPlan(String client, double ratePerSec, Slo slo, HoldingTime holding, Sizing sizing,
                         Optional<UslFit> usl, Optional<UslBootstrap> uslIntervals, double redisCeilingPerSec,
                         List<String> limits) {

    /** The recommended pool, or the pool Erlang C asks for when the objective cannot be met anyway. */
    public int recommendedWorkers() {
        return sizing.workers();
    }

    /** True when adding workers, up to the recommendation, can meet the objective. */
    public boolean feasible() {
        return limits.isEmpty();
    }

    /**
     * Why the worker counts of {@code plans} are not a plan, in one line, when any client's objective cannot
     * be met by adding workers; empty when every one can. A plan command exits non-zero on it.
     */
    public static Optional<String> notAPlan(List<ClientPlan> plans) {
        List<String> infeasible = plans.stream().filter(plan -> !plan.feasible())
                .map(plan -> plan.client() + ": " + String.join("; ", plan.limits())).toList();
        if (infeasible.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("no pool meets the objective at " + plans.get(0).ratePerSec() + " events/s, so the worker "
                + "count above is not a plan: " + String.join(" | ", infeasible));
    }

    /** The model's figures for any pool size, at the objective's percentile. */
    public PoolEstimate estimate(int workers, double percentile) {
        return model().estimate(workers, percentile);
    }

    public WaitModel model() {
        return new WaitModel(ratePerSec, holding.meanMicros(), holding.squaredCoefficientOfVariation());
    }
}
