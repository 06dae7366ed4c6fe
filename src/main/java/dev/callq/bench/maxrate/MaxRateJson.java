package dev.callq.bench.maxrate;

import dev.callq.bench.HarnessException;
import dev.callq.bench.env.Provenance;
import dev.callq.bench.run.SummaryJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The contents of {@code max-rate.json}: the search's settings, its answer (null while it runs) and
 * every probe as evidence. Rewritten after each probe, so an interrupted search still leaves its record.
 */
public record MaxRateJson(int schema, String client, String pattern, int workers, String serviceTime, String slo,
                          String rule, MaxRateSearch.Settings search, Long maxRatePerSec, Boolean converged,
                          String outcome, List<MaxRateSearch.Step> steps, List<ForkedRateProbe.Evidence> probes,
                          Provenance provenance) {
    public static final String FILE_NAME = "max-rate.json";

    /** The record of a search that has run {@code probes} so far; {@code result} is null until it ends. */
    static MaxRateJson of(MaxRateSettings settings, MaxRateSearch.Result result, List<ForkedRateProbe.Evidence> probes) {
        return new MaxRateJson(1, settings.client(), settings.pattern(), settings.workers(), settings.serviceTime(),
                settings.rule().slo().toString(), settings.rule().description(), settings.search(),
                result == null ? null : result.maxRatePerSec(), result == null ? null : result.converged(),
                result == null ? "running" : result.outcome(), result == null ? List.of() : result.steps(), probes,
                Provenance.current());
    }

    /** Writes {@code dir}/max-rate.json; returns its path. */
    Path write(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dir);
            SummaryJson.mapper().writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new HarnessException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }
}
