package dev.callq.bench.plan;

import dev.callq.bench.measure.Slo;
import dev.callq.bench.queueing.HoldingTime;
import dev.callq.bench.queueing.PoolEstimate;
import dev.callq.bench.queueing.Sizing;
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
 */
public record ClientPlan(String client, double ratePerSec, Slo slo, HoldingTime holding, Sizing sizing,
                         Optional<UslFit> usl, double redisCeilingPerSec, List<String> limits) {

    /** The recommended pool, or the pool Erlang C asks for when the objective cannot be met anyway. */
    public int recommendedWorkers() {
        return sizing.workers();
    }

    /** True when adding workers, up to the recommendation, can meet the objective. */
    public boolean feasible() {
        return limits.isEmpty();
    }

    /** The model's figures for any pool size, at the objective's percentile. */
    public PoolEstimate estimate(int workers, double percentile) {
        return model().estimate(workers, percentile);
    }

    public WaitModel model() {
        return new WaitModel(ratePerSec, holding.meanMicros(), holding.squaredCoefficientOfVariation());
    }
}
