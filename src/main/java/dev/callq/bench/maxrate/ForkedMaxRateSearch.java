package dev.callq.bench.maxrate;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@link MaxRateSearch} whose probes are forked {@code callq run}s, printing one line per probe and
 * keeping {@code max-rate.json} up to date as it goes.
 */
public final class ForkedMaxRateSearch {
    private ForkedMaxRateSearch() {
    }

    /** Runs the search in {@code settings.outDir()}; returns the final record, already written. */
    public static MaxRateJson run(MaxRateSettings settings, PrintStream progress) {
        List<ForkedRateProbe.Evidence> soFar = new ArrayList<>();
        ForkedRateProbe probe = new ForkedRateProbe(settings.fixedOptions(), settings.outDir(),
                settings.probeTimeout(), settings.rule(), settings.eventsPerRateUnit(), evidence -> {
                    soFar.add(evidence);
                    progress.println(progressLine(evidence, settings.rateUnit()));
                    MaxRateJson.of(settings, null, soFar).write(settings.outDir());
                });
        MaxRateSearch.Result result = new MaxRateSearch(settings.search()).run(probe);
        MaxRateJson record = MaxRateJson.of(settings, result, probe.evidence());
        record.write(settings.outDir());
        return record;
    }

    private static String progressLine(ForkedRateProbe.Evidence e, String rateUnit) {
        String numbers = e.sloMeasuredMicros() == null ? "" : String.format(Locale.ROOT,
                " %.0f ev/s, SLO percentile %.2f ms, backlog slope %.0f/s, final %d;", e.throughputPerSec(),
                e.sloMeasuredMicros() / 1000.0, e.backlogSlopePerSec(), e.finalBacklog());
        return String.format(Locale.ROOT, "probe %d at %d %s:%s %s", e.number(), e.ratePerSec(), rateUnit, numbers,
                e.passed() ? "PASS" : "FAIL (" + e.reason() + ")");
    }
}
