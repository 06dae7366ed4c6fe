package dev.callq.bench.maxrate;

import dev.callq.bench.HarnessException;
import dev.callq.bench.env.Provenance;
import dev.callq.bench.load.LoadKind;
import dev.callq.bench.result.SummaryJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The contents of {@code max-rate.json}: the search's settings, its answer (null while it runs) and
 * every probe as evidence. Rewritten after each probe, so an interrupted search still leaves its record.
 *
 * @param rateUnit          the unit of every rate in the record: {@code calls/s} (SIP load) or {@code events/s}
 * @param eventsPerRateUnit events one unit of the rate brings into the queue (events per call under SIP load)
 * @param limitedByMaxRate  true when every rate up to the search's maximum passed: the bound, not the queue,
 *                          is what the answer shows
 * @param answer            the search's answer in one line, as {@code callq max-rate} prints it
 * @param sessionEstablishmentRate under SIP load, the probes read as RFC 7501's Session Establishment Rate; null
 *                          otherwise
 */
public record MaxRateJson(int schema, String client, String pattern, int workers, String serviceTime, String slo,
                          String rule, MaxRateSearch.Settings search, Long maxRatePerSec, Boolean converged,
                          String outcome, List<MaxRateSearch.Step> steps, List<ForkedRateProbe.Evidence> probes,
                          Provenance provenance, String load, String rateUnit, int eventsPerRateUnit,
                          Boolean limitedByMaxRate, String answer, SessionEstablishmentRate sessionEstablishmentRate) {
    public static final String FILE_NAME = "max-rate.json";
    public static final int SCHEMA = 1;

    public MaxRateJson {
        // A list left out reads as none, never as null.
        steps = steps == null ? List.of() : steps;
        probes = probes == null ? List.of() : probes;
    }

    /** The record of a search that has run {@code probes} so far; {@code result} is null until it ends. */
    static MaxRateJson of(MaxRateSettings settings, MaxRateSearch.Result result, List<ForkedRateProbe.Evidence> probes) {
        return new MaxRateJson(SCHEMA, settings.client(), settings.pattern(), settings.workers(), settings.serviceTime(),
                settings.rule().slo().toString(), settings.rule().description(), settings.search(),
                result == null ? null : result.maxRatePerSec(), result == null ? null : result.converged(),
                result == null ? "running" : result.outcome(), result == null ? List.of() : result.steps(), probes,
                Provenance.current(), settings.load().cliName(), settings.rateUnit(), settings.eventsPerRateUnit(),
                result == null ? null : result.limitedByMaxRate(), result == null ? null : answer(settings, result),
                settings.load() == LoadKind.SIP ? SessionEstablishmentRate.of(probes, settings.durationSeconds()) : null);
    }

    /**
     * {@code max sustainable rate: 800 calls/s (1600 events/s at 2 events per call, --events invite,bye)} and
     * how the search got there; when every rate up to the search's maximum passed, that the maximum, not the
     * queue, was the limit. {@code NOT CONVERGED (…)} otherwise.
     */
    static String answer(MaxRateSettings settings, MaxRateSearch.Result result) {
        if (!result.converged()) {
            return "NOT CONVERGED (" + result.outcome() + ")";
        }
        String rate = result.maxRatePerSec() + " " + settings.rateUnit() + (settings.load() != LoadKind.SIP ? ""
                : String.format(Locale.ROOT, " (%d events/s at %d event%s per call, --events %s)",
                result.maxRatePerSec() * settings.eventsPerRateUnit(), settings.eventsPerRateUnit(),
                settings.eventsPerRateUnit() == 1 ? "" : "s", settings.sipEventsName()));
        if (result.limitedByMaxRate()) {
            return "max sustainable rate: at least " + rate + ": the search's maximum of "
                    + settings.search().maxRatePerSec() + " " + settings.rateUnit() + ", not the queue, was the "
                    + "limit, every rate up to it passed (raise --max-rate to look further)";
        }
        return "max sustainable rate: " + rate + " (" + result.outcome() + ")";
    }

    /**
     * Reads {@code dir}/max-rate.json back into the record that wrote it; fields a later version adds are ignored,
     * a different schema is refused. Searches written before a field was recorded (the load, the rate's unit,
     * the answer, RFC 7501's rate) read it as null.
     */
    public static MaxRateJson read(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        MaxRateJson search = SummaryJson.read(dir, FILE_NAME, MaxRateJson.class);
        if (search.schema() != SCHEMA) {
            throw new HarnessException(file + " has schema " + search.schema() + "; this callq reads schema " + SCHEMA);
        }
        return search;
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
