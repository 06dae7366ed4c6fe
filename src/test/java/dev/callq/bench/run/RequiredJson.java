package dev.callq.bench.run;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads of a summary's fields that fail when the field is missing, so that a renamed field fails the test. */
final class RequiredJson {
    private RequiredJson() {
    }

    static JsonNode at(JsonNode node, String pointer) {
        JsonNode field = node.at(pointer);
        if (field.isMissingNode() || field.isNull()) {
            throw new AssertionError("no " + pointer + " in " + node);
        }
        return field;
    }

    static long longAt(JsonNode node, String pointer) {
        JsonNode field = at(node, pointer);
        if (!field.canConvertToLong()) {
            throw new AssertionError(pointer + " is not a whole number: " + field);
        }
        return field.asLong();
    }

    static String textAt(JsonNode node, String pointer) {
        return at(node, pointer).asText();
    }
}
