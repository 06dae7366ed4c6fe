package dev.callq.bench.options;

import dev.callq.bench.result.SummaryJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callq.bench.HarnessException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A forked run's options as one JSON object written with Jackson, keyed by option name, every option with its
 * value (defaults included): {@code {"client": "jedis", "workers": 4, "fault": ["redis-pause:1s@2s"],
 * "redis-auth": true, …}}. It is written from the {@link RunOptions} object and its declarations alone, so a new
 * option needs nothing here. The parent writes it into the run's folder ({@link #FILE_NAME}, also a record of
 * what the run was asked); the child reads it with the command line's own parser, so a file and a command line
 * cannot mean different things.
 * <p>
 * The Redis URL ({@code --redis}) is never in the file: it may hold a password, which goes to the child in
 * its environment ({@link RunOptions#REDIS_ENV}, readable only by the child's user), never on its command
 * line nor on disk. {@link #withheldRedis} gives it to the caller that starts the child.
 */
public final class RunOptionsFile {
    public static final String FILE_NAME = "run-options.json";
    /** The one option kept out of the file. */
    private static final String REDIS = "redis";
    private static final String PREFIX = "--";

    private RunOptionsFile() {
    }

    /** Writes {@code options}, without the Redis URL, to {@code dir}/{@value #FILE_NAME}; returns the file. */
    public static Path write(RunOptions options, Path dir) {
        ObjectNode json = toJson(options);
        json.remove(REDIS);
        Path file = dir.resolve(FILE_NAME);
        try {
            SummaryJson.mapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), json);
        } catch (IOException e) {
            throw new HarnessException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    /** The {@code --redis} value {@link #write} leaves out, with its password, or null when there is none. */
    public static String withheldRedis(RunOptions options) {
        return options.redis;
    }

    /**
     * Reads a file {@link #write} wrote; {@code --redis} comes from the environment, as for {@code callq run}.
     *
     * @throws IllegalArgumentException in one line, for a file that is not JSON or an option that is not known
     */
    public static RunOptions read(Path file) {
        return read(file, null);
    }

    /** As {@link #read(Path)}, with {@code --redis} given here rather than by the environment when not null. */
    static RunOptions read(Path file, String redis) {
        JsonNode json;
        try {
            json = SummaryJson.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " is not a run's options: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException(file + " is not a run's options: not a JSON object");
        }
        List<String> args = toArgs(json);
        if (redis != null) {
            args.addAll(List.of(PREFIX + REDIS, redis));
        }
        return RunOptions.parse(args);
    }

    /** The options as the object the file holds: each as {@link RunOptions} spells it, a number or flag as JSON's own. */
    static ObjectNode toJson(RunOptions options) {
        CommandSpec spec = CommandSpec.forAnnotatedObject(options);
        ObjectNode json = SummaryJson.mapper().createObjectNode();
        options.spelled().forEach((name, values) -> {
            OptionSpec option = spec.findOption(name);
            String key = name.substring(PREFIX.length());
            if (option.isMultiValue()) {
                values.forEach(json.putArray(key)::add);
                return;
            }
            String value = values.get(0);
            Class<?> type = option.type();
            if (type == boolean.class || type == Boolean.class) {
                json.put(key, Boolean.parseBoolean(value));
            } else if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
                json.put(key, Long.parseLong(value));
            } else if (type == double.class || type == Double.class) {
                json.put(key, Double.parseDouble(value));
            } else {
                json.put(key, value);
            }
        });
        return json;
    }

    private static List<String> toArgs(JsonNode json) {
        List<String> args = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = json.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = PREFIX + field.getKey();
            JsonNode value = field.getValue();
            if (value.isArray()) {
                value.forEach(item -> args.addAll(List.of(name, item.asText())));
            } else {
                args.addAll(List.of(name, value.asText()));
            }
        }
        return args;
    }
}
