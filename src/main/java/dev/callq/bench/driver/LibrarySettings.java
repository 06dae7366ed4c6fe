package dev.callq.bench.driver;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A client library's own settings, by the names its documentation uses (Lettuce's
 * {@code ioThreadPoolSize}, Redisson's {@code nettyThreads}…), as a client settings file gives them.
 * Names are checked against the driver's {@link QueueDrivers.Registration#settings()} when the file is
 * read; values are checked here, when the driver applies them, each failure one line.
 */
public record LibrarySettings(Map<String, String> values) {
    public static final LibrarySettings DEFAULTS = new LibrarySettings(Map.of());

    public LibrarySettings {
        values = Map.copyOf(values);
    }

    /** The settings in name order, for summary.json and reports. */
    public Map<String, String> sorted() {
        return new TreeMap<>(values);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** A positive whole number, or {@code fallback} when the file does not set it. */
    public int positiveInt(String name, int fallback) {
        String text = values.get(name);
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("client setting " + name + " must be a positive whole number, not '" + text + "'");
    }

    public boolean bool(String name, boolean fallback) {
        String text = values.get(name);
        if (text == null) {
            return fallback;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("client setting " + name + " must be true or false, not '" + text + "'");
        };
    }

    /** One of {@code allowed} (case-insensitive, returned lower-case), or {@code fallback}. */
    public String choice(String name, String fallback, String... allowed) {
        String text = values.get(name);
        if (text == null) {
            return fallback;
        }
        String value = text.strip().toLowerCase(Locale.ROOT);
        for (String option : allowed) {
            if (option.equals(value)) {
                return value;
            }
        }
        throw new IllegalArgumentException("client setting " + name + " must be one of " + String.join(", ", allowed)
                + ", not '" + text + "'");
    }
}
