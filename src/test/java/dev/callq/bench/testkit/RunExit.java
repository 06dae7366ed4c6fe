package dev.callq.bench.testkit;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The exit code of a run that measured every event, tied to the verdict its results record. On a starved
 * machine (these tests share two cores with builds and with each other) a run may fall behind its schedule,
 * so exit 3 is a valid outcome there, but only for that cause: a run whose exit 3 has any other reason, or
 * none written, fails.
 */
public final class RunExit {
    /**
     * What a machine too busy for the load earns (a producer behind its schedule, workers behind the producer,
     * a JIT still compiling when a short warm-up ended); nothing here is about what a test pins.
     */
    private static final Pattern STARVED = Pattern.compile(
            "(?s)^(PRODUCER FELL BEHIND|NOT SUSTAINED|the JIT was still compiling when the warm-up ended).*");
    private static final int OK = 0;
    private static final int UNTRUSTWORTHY = 3;

    private RunExit() {
    }

    /** {@code exit} is 0, or 3 with every warning of {@code clients} (their summary.json blocks) a starved one. */
    public static void assertTrustworthyOrStarved(int exit, List<JsonNode> clients) {
        List<String> warnings = new ArrayList<>();
        for (JsonNode client : clients) {
            Json.required(client, "/warnings").forEach(warning -> warnings.add(warning.asText()));
        }
        if (exit == OK) {
            return;
        }
        if (exit != UNTRUSTWORTHY) {
            throw new AssertionError("exit " + exit + ", not 0 or 3; warnings: " + warnings);
        }
        if (warnings.isEmpty()) {
            throw new AssertionError("exit 3 with no warning written to say why");
        }
        for (String warning : warnings) {
            if (!STARVED.matcher(warning).matches()) {
                throw new AssertionError("exit 3 for a reason other than a starved machine: " + warning);
            }
        }
    }
}
