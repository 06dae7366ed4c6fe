package dev.callq.bench.sweep;

import dev.callq.bench.load.LoadKind;
import dev.callq.bench.result.Thresholds;

import java.util.Map;

/**
 * A sweep file, parsed: the fixed part of every cell ({@code load}, {@code phases}, {@code options})
 * and what varies ({@code axes}).
 *
 * @param options    other {@code callq run} options by long name without dashes, e.g. {@code payload: json}
 * @param thresholds absolute limits every cell must meet ({@code thresholds: [p99<20ms, lost==0]})
 */
public record SweepSpec(String name, String description, SweepPhases phases, String load,
                        Map<String, String> options, SweepAxes axes, Thresholds thresholds) {

    /** A sweep without thresholds. */
    public SweepSpec(String name, String description, SweepPhases phases, String load, Map<String, String> options,
                     SweepAxes axes) {
        this(name, description, phases, load, options, axes, Thresholds.NONE);
    }

    public SweepSpec {
        if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("name must be letters, digits, '.', '_' or '-', not '" + name + "'");
        }
        load = LoadKind.parse(load, "load").cliName();
        description = description == null ? "" : description;
        options = Map.copyOf(options);
        thresholds = thresholds == null ? Thresholds.NONE : thresholds;
    }
}
