package dev.callq.bench.sweep;

import dev.callq.bench.options.RunDefaults;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.callq.bench.fault.FaultSpec;
import dev.callq.bench.load.LoadKind;
import dev.callq.bench.result.Thresholds;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a sweep file (YAML) into a {@link SweepSpec}. Every mistake is a one-line
 * {@link IllegalArgumentException} naming the key: unknown keys, empty axes, values of the wrong type.
 * Whether an option or value is one {@code callq run} accepts is checked per cell by the command.
 */
public final class SweepSpecParser {
    private static final Set<String> TOP_KEYS = Set.of("name", "description", "phases", "load", "options", "axes",
            "thresholds");
    private static final Set<String> PHASE_KEYS = Set.of("warmupSeconds", "durationSeconds", "drainTimeoutSeconds");
    private static final Set<String> AXIS_KEYS = Set.of("clients", "patterns", "workers", "rates", "serviceTimes", "repeats",
            "faults");
    /** Options a sweep sets itself, per cell or from its phases. */
    static final Set<String> RESERVED_OPTIONS = Set.of("client", "workers", "load", "rate", "pattern", "service-time",
            "duration", "calls", "warmup", "drain-timeout", "out", "help", "version", "fault");

    private SweepSpecParser() {
    }

    public static SweepSpec read(Path file) {
        return parse(SpecFile.text(file, "sweep file"));
    }

    public static SweepSpec parse(String yaml) {
        return parse(SpecFile.tree(yaml));
    }

    /** A sweep from its YAML tree: a sweep file's, or one entry of a suite file's {@code sweeps}. */
    public static SweepSpec parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("a sweep file must be a mapping with name, load, phases, options and axes");
        }
        requireKnownKeys(root, TOP_KEYS, "");
        String load = text(root, "load", "load");
        return new SweepSpec(text(root, "name", "name"), optionalText(root, "description"),
                phases(root.get("phases")), load, options(root.get("options")), axes(root.get("axes"), load),
                thresholds(root.get("thresholds")));
    }

    /** {@code thresholds:} as a list of {@code p99<20ms} entries, or one comma-separated string. */
    public static Thresholds thresholds(JsonNode node) {
        if (node == null || node.isNull()) {
            return Thresholds.NONE;
        }
        if (node.isTextual()) {
            return Thresholds.parse(node.asText());
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("thresholds must be a list such as [p99<20ms, lost==0]");
        }
        List<String> entries = new ArrayList<>();
        node.forEach(entry -> entries.add(entry.asText()));
        return Thresholds.parse(entries);
    }

    private static SweepPhases phases(JsonNode node) {
        if (node == null) {
            return SweepPhases.DEFAULT;
        }
        requireMapping(node, "phases");
        requireKnownKeys(node, PHASE_KEYS, "phases.");
        SweepPhases defaults = SweepPhases.DEFAULT;
        return new SweepPhases(number(node, "warmupSeconds", defaults.warmupSeconds()),
                number(node, "durationSeconds", defaults.durationSeconds()),
                (long) wholeNumber(node.get("drainTimeoutSeconds"), "phases.drainTimeoutSeconds",
                        (int) defaults.drainTimeoutSeconds()));
    }

    private static Map<String, String> options(JsonNode node) {
        Map<String, String> options = new LinkedHashMap<>();
        if (node == null) {
            return options;
        }
        requireMapping(node, "options");
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = entry.getKey();
            if (key.startsWith("-")) {
                throw new IllegalArgumentException("options." + key + ": give the option's long name without dashes");
            }
            if (RESERVED_OPTIONS.contains(key)) {
                throw new IllegalArgumentException("options." + key + " is set by the sweep itself (phases or axes)");
            }
            options.put(key, scalar(entry.getValue(), "options." + key));
        }
        return options;
    }

    private static SweepAxes axes(JsonNode node, String load) {
        if (node != null) {
            requireMapping(node, "axes");
            requireKnownKeys(node, AXIS_KEYS, "axes.");
        }
        JsonNode axes = node == null ? JsonNodeFactory.instance.objectNode() : node;
        String defaultRate = Long.toString(RunDefaults.ratePerSec(LoadKind.parse(load, "load")));
        return new SweepAxes(list(axes, "clients", "jedis", n -> scalar(n, "axes.clients")),
                list(axes, "patterns", "blpop", n -> scalar(n, "axes.patterns")),
                list(axes, "workers", 4, n -> wholeNumber(n, "axes.workers", 0)),
                list(axes, "rates", defaultRate, n -> scalar(n, "axes.rates")),
                list(axes, "serviceTimes", "none", n -> scalar(n, "axes.serviceTimes")),
                wholeNumber(axes.get("repeats"), "axes.repeats", 1),
                list(axes, "faults", List.<String>of(), SweepSpecParser::faults));
    }

    /** One value of the faults axis: one spec, or a list of specs a cell has together ([] for none). */
    private static List<String> faults(JsonNode node) {
        List<String> specs = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(item -> specs.add(scalar(item, "axes.faults")));
        } else {
            specs.add(scalar(node, "axes.faults"));
        }
        // Checked here, so that a misspelt fault is refused before the first cell runs.
        return specs.stream().map(spec -> FaultSpec.parse(spec).toString()).toList();
    }

    private static <T> List<T> list(JsonNode axes, String key, T defaultValue, Function<JsonNode, T> element) {
        JsonNode node = axes.get(key);
        if (node == null) {
            return List.of(defaultValue);
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("axes." + key + " must be a list, e.g. [" + defaultValue + "]");
        }
        List<T> values = new ArrayList<>();
        node.forEach(item -> values.add(element.apply(item)));
        return values;
    }

    private static void requireKnownKeys(JsonNode node, Set<String> known, String prefix) {
        node.fieldNames().forEachRemaining(key -> {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + prefix + key + "'; expected one of "
                        + known.stream().sorted().toList());
            }
        });
    }

    private static void requireMapping(JsonNode node, String key) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(key + " must be a mapping");
        }
    }

    private static String text(JsonNode root, String key, String path) {
        JsonNode node = root.get(key);
        if (node == null) {
            throw new IllegalArgumentException("missing key '" + path + "'");
        }
        return scalar(node, path);
    }

    private static String optionalText(JsonNode root, String key) {
        JsonNode node = root.get(key);
        return node == null ? "" : scalar(node, key);
    }

    private static String scalar(JsonNode node, String path) {
        if (node == null || !node.isValueNode() || node.isNull()) {
            throw new IllegalArgumentException(path + " must be a single value, not " + node);
        }
        String text = node.asText().strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException(path + " must not be empty");
        }
        return text;
    }

    private static double number(JsonNode phases, String key, double defaultValue) {
        JsonNode node = phases.get(key);
        if (node == null) {
            return defaultValue;
        }
        if (!node.isNumber()) {
            throw new IllegalArgumentException("phases." + key + " must be a number of seconds, not " + node);
        }
        return node.asDouble();
    }

    private static int wholeNumber(JsonNode node, String path, int defaultValue) {
        if (node == null) {
            return defaultValue;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new IllegalArgumentException(path + " must be a whole number, not " + node);
        }
        return node.asInt();
    }
}
