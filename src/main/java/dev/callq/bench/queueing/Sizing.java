package dev.callq.bench.queueing;

import java.util.Optional;

/**
 * The answer to "how many workers": the smallest pool that meets the queue-wait target, and what
 * one worker fewer would give, so a report can show how close the boundary is.
 *
 * @param percentile        p as a fraction: 0.99 for a p99 target
 * @param waitTargetMicros  the most the p-quantile of the enqueue → dequeue wait may be
 * @param recommended       the estimate for the smallest pool that meets the target
 * @param oneFewer          the estimate for one worker less; empty when the recommendation is 1
 */
public record Sizing(double percentile, double waitTargetMicros, PoolEstimate.Stable recommended,
                     Optional<PoolEstimate> oneFewer) {

    public int workers() {
        return recommended.workers();
    }
}
