package dev.callq.bench.driver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One client as {@code --client} names it: a registered library with its defaults ({@code lettuce}),
 * or a client settings file ({@code benchmarks/clients/lettuce-2-io-threads.yaml}, also written
 * {@code lettuce:benchmarks/clients/lettuce-2-io-threads.yaml}). A settings file reads:
 * <pre>
 * client: lettuce            # a registered client
 * resp: 3                    # optional: overrides --resp for this client
 * settings:                  # optional: the library's own settings, by its own names
 *   ioThreadPoolSize: 2
 * </pre>
 * Its name, less the library's prefix, labels the results: {@code lettuce:2-io-threads}, so that a run
 * or a sweep can hold several configurations of one library side by side.
 *
 * @param spec        the text as given, which forked runs receive again
 * @param library     the registered client
 * @param label       the name the results carry: the library, or library:configuration
 * @param settings    the library's own settings
 * @param respVersion the file's protocol version, or null to use --resp
 * @param file        the settings file, or null
 */
public record ClientChoice(String spec, String library, String label, LibrarySettings settings, Integer respVersion,
                           String file) {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> FILE_KEYS = Set.of("client", "resp", "settings");

    /** Reads one {@code --client} value that names a single client. */
    public static ClientChoice parse(String spec) {
        String text = spec.strip();
        int colon = text.indexOf(':');
        if (colon > 0) {
            String library = text.substring(0, colon);
            ClientChoice fromFile = fromFile(Path.of(text.substring(colon + 1)), text);
            if (!fromFile.library().equals(library)) {
                throw new IllegalArgumentException(fromFile.file() + " configures " + fromFile.library() + ", not " + library);
            }
            return fromFile;
        }
        if (text.endsWith(".yaml") || text.endsWith(".yml")) {
            return fromFile(Path.of(text), text);
        }
        QueueDrivers.registration(text);
        return new ClientChoice(text, text, text, LibrarySettings.DEFAULTS, null, null);
    }

    /** The label the results of {@code spec} carry. */
    public static String labelOf(String spec) {
        return parse(spec).label();
    }

    /** The protocol version this client runs with: its file's, or else {@code --resp}'s. */
    public int respVersionOr(int runRespVersion) {
        return respVersion != null ? respVersion : runRespVersion;
    }

    /** What summary.json records beside the driver's own description: the file and its settings. */
    public Map<String, String> describe() {
        Map<String, String> description = new LinkedHashMap<>();
        if (file != null) {
            description.put("settingsFile", file);
            description.put("settings", settings.sorted().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).reduce((a, b) -> a + ", " + b).orElse("(library defaults)"));
        }
        return description;
    }

    private static ClientChoice fromFile(Path path, String spec) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("client settings file " + path + " does not exist");
        }
        JsonNode root;
        try {
            root = YAML.readTree(path.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("client settings file " + path + " is not valid YAML: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("client settings file " + path + " must be a mapping with a client: key");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FILE_KEYS.contains(name)) {
                throw new IllegalArgumentException(path + ": unknown key '" + name + "'; expected client, resp, settings");
            }
        }
        JsonNode client = root.get("client");
        if (client == null || !client.isTextual()) {
            throw new IllegalArgumentException(path + ": client: must name one of " + String.join(", ", QueueDrivers.NAMES));
        }
        QueueDrivers.Registration registration = QueueDrivers.registration(client.asText());
        Integer resp = null;
        if (root.has("resp")) {
            resp = root.get("resp").asInt(-1);
            if (resp != 2 && resp != 3) {
                throw new IllegalArgumentException(path + ": resp must be 2 or 3, not " + root.get("resp").asText());
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        JsonNode settings = root.get("settings");
        if (settings != null && !settings.isNull()) {
            if (!settings.isObject()) {
                throw new IllegalArgumentException(path + ": settings must be a mapping of setting: value");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = settings.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> setting = it.next();
                if (!registration.settings().contains(setting.getKey())) {
                    throw new IllegalArgumentException(path + ": unknown " + registration.name() + " setting '"
                            + setting.getKey() + "'; expected one of "
                            + (registration.settings().isEmpty() ? "(none)" : String.join(", ", registration.settings())));
                }
                values.put(setting.getKey(), setting.getValue().asText());
            }
        }
        String fileName = path.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        String configuration = fileName.startsWith(registration.name() + "-")
                ? fileName.substring(registration.name().length() + 1) : fileName;
        return new ClientChoice(spec, registration.name(), registration.name() + ":" + configuration,
                new LibrarySettings(values), resp, path.toString());
    }

    /** Splits a comma-separated {@code --client} value. */
    static List<String> split(String text) {
        return List.of(text.split(",")).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
