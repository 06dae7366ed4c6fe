package dev.callq.bench.testkit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads a field of a results file the way a test must: {@code node.at("/events/lost").asLong()} gives 0 for a
 * field that is missing or renamed, and an assertion that it is zero then passes for the wrong reason.
 */
public final class Json {
    private Json() {
    }

    /** The node at {@code pointer} (a JSON Pointer, {@code /events/lost}); fails when it is missing or null. */
    public static JsonNode required(JsonNode node, String pointer) {
        if (node == null) {
            throw new AssertionError("no JSON to read " + pointer + " from");
        }
        JsonNode found = node.at(pointer);
        if (found.isMissingNode()) {
            throw new AssertionError("missing field " + pointer + " in " + abbreviated(node));
        }
        if (found.isNull()) {
            throw new AssertionError("field " + pointer + " is null in " + abbreviated(node));
        }
        return found;
    }

    private static String abbreviated(JsonNode node) {
        String text = node.toString();
        return text.length() <= 400 ? text : text.substring(0, 400) + "…";
    }
}
