package dev.callq.bench.plan;

import dev.callq.bench.queueing.HoldingTime;
import dev.callq.bench.queueing.UslFit;

import java.util.List;

/**
 * What the saturated sweep measured for one client: X(N) (one point per run, repeats included), the
 * holding time and its variability with the samples it came from, and the Redis ceiling, with the runs
 * behind them.
 */
public record ClientMeasurement(String client, List<UslFit.Point> saturated, HoldingTime holding,
                                HoldingSamples holdingSamples, double redisCeilingPerSec, List<RunEvidence> runs) {
}
