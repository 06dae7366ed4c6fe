/**
 * The capacity planner behind {@code callq plan}: measures each client in forked synthetic runs
 * ({@link dev.callq.bench.plan.SaturationSweep}), sizes the pool from the models of {@code queueing}
 * ({@link dev.callq.bench.plan.CapacityPlanner}), checks the recommendation in validation runs, and
 * writes {@code plan.json} and the console report.
 *
 * <p>The formulas themselves belong to {@code queueing}, the SLO type to {@code measure}, the
 * max-rate search to {@code maxrate}, the HTML page to {@code report}. Layer: above {@code run},
 * a peer of {@code maxrate} and {@code sweep}.
 */
package dev.callq.bench.plan;
