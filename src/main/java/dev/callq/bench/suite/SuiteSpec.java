package dev.callq.bench.suite;

import dev.callq.bench.result.Thresholds;
import dev.callq.bench.sweep.SweepSpec;

import java.util.List;

/**
 * A benchmark suite: several sweeps run one after the other, gated together against a baseline.
 *
 * @param thresholds absolute limits every cell of every sweep must meet, on top of each sweep's own
 */
public record SuiteSpec(String name, String description, List<SweepSpec> sweeps, Thresholds thresholds) {
    public SuiteSpec(String name, String description, List<SweepSpec> sweeps) {
        this(name, description, sweeps, Thresholds.NONE);
    }

    public SuiteSpec {
        thresholds = thresholds == null ? Thresholds.NONE : thresholds;
        sweeps = List.copyOf(sweeps);
        if (sweeps.isEmpty()) {
            throw new IllegalArgumentException("a suite needs at least one sweep under 'sweeps'");
        }
        if (sweeps.stream().map(SweepSpec::name).distinct().count() != sweeps.size()) {
            throw new IllegalArgumentException("the sweeps of a suite need distinct names: they name its folders");
        }
    }
}
