package dev.callq.bench.suite;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callq.bench.sweep.SpecFile;
import dev.callq.bench.sweep.SweepSpec;
import dev.callq.bench.sweep.SweepSpecParser;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads a suite file: {@code name}, {@code description} and {@code sweeps}, a list whose entries are
 * written exactly as sweep files are (see benchmarks/worker-sweep.yaml).
 */
public final class SuiteSpecParser {
    private static final Set<String> KEYS = Set.of("name", "description", "sweeps", "thresholds");

    private SuiteSpecParser() {
    }

    public static SuiteSpec read(Path file) {
        return parse(SpecFile.text(file, "suite file"));
    }

    public static SuiteSpec parse(String yaml) {
        JsonNode root = SpecFile.tree(yaml);
        if (root == null || !root.isObject() || !root.path("sweeps").isArray()) {
            throw new IllegalArgumentException("a suite file must be a mapping with name, description and a list 'sweeps'");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + key + "' in the suite file; expected " + KEYS);
            }
        }
        List<SweepSpec> sweeps = new ArrayList<>();
        int index = 0;
        for (JsonNode sweep : root.get("sweeps")) {
            index++;
            try {
                sweeps.add(SweepSpecParser.parse(sweep));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("sweep " + index + ": " + e.getMessage());
            }
        }
        return new SuiteSpec(root.path("name").asText("suite"), root.path("description").asText(""), sweeps,
                SweepSpecParser.thresholds(root.get("thresholds")));
    }
}
