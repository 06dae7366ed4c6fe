package dev.callq.bench.result;

import dev.callq.bench.env.Provenance;

import java.util.List;
import java.util.Map;

/**
 * The contents of {@code summary.json}: what was run, on what, and each client's result.
 * {@code provenance} is null in summaries written before it was recorded.
 * {@link #SCHEMA} changes whenever a field changes meaning or goes away; results/README.md documents it.
 */
public record RunSummary(int schema, String startedAt, String phases, Map<String, Object> config,
                         Map<String, String> environment, List<ClientResult> clients,
                         Provenance provenance) {
    public static final int SCHEMA = 1;
}
