package dev.callq.bench.suite;

import dev.callq.bench.sweep.SweepSpec;

import java.util.List;

/** A benchmark suite: several sweeps run one after the other, gated together against a baseline. */
public record SuiteSpec(String name, String description, List<SweepSpec> sweeps) {
    public SuiteSpec {
        sweeps = List.copyOf(sweeps);
        if (sweeps.isEmpty()) {
            throw new IllegalArgumentException("a suite needs at least one sweep under 'sweeps'");
        }
        if (sweeps.stream().map(SweepSpec::name).distinct().count() != sweeps.size()) {
            throw new IllegalArgumentException("the sweeps of a suite need distinct names: they name its folders");
        }
    }
}
