package dev.callq.bench.sweep;

import dev.callq.bench.run.LoadKind;

import java.util.Map;

/**
 * A sweep file, parsed: the fixed part of every cell ({@code load}, {@code phases}, {@code options})
 * and what varies ({@code axes}).
 *
 * @param options other {@code callq run} options by long name without dashes, e.g. {@code payload: json}
 */
public record SweepSpec(String name, String description, SweepPhases phases, String load,
                        Map<String, String> options, SweepAxes axes) {

    public SweepSpec {
        if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("name must be letters, digits, '.', '_' or '-', not '" + name + "'");
        }
        load = LoadKind.parse(load, "load").cliName();
        description = description == null ? "" : description;
        options = Map.copyOf(options);
    }
}
