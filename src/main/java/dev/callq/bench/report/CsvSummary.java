package dev.callq.bench.report;

import dev.callq.bench.measure.LatencySummary;
import dev.callq.bench.result.ClientResult;
import dev.callq.bench.result.CsvTable;
import dev.callq.bench.result.RunSummary;
import dev.callq.bench.result.RunVerdict;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code summary.csv}: one row per client, latencies are enqueue→dequeue in microseconds; the last column
 * is the client's {@link RunVerdict}. Written by column name through {@link CsvTable}.
 */
final class CsvSummary {
    static final String FILE_NAME = "summary.csv";
    static final List<String> COLUMNS = List.of("client", "workers", "pattern", "payload", "load", "expected",
            "consumed", "lost", "duplicates", "malformed", "leftInQueue", "throughputPerSec", "p50Micros", "p90Micros",
            "p99Micros", "p999Micros", "maxMicros", "trustworthy");

    private CsvSummary() {
    }

    static String render(RunSummary summary) {
        return CsvTable.render(COLUMNS, summary.clients().stream().map(CsvSummary::row).toList());
    }

    private static Map<String, Object> row(ClientResult c) {
        LatencySummary l = c.latencyMicros().getOrDefault(Charts.SPECTRUM_TAG,
                new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0, 0));
        ClientResult.Events e = c.events();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("client", c.client());
        row.put("workers", c.workers());
        row.put("pattern", c.pattern());
        row.put("payload", c.payload());
        row.put("load", c.load());
        row.put("expected", e.expected());
        row.put("consumed", e.consumed());
        row.put("lost", e.lost());
        row.put("duplicates", e.duplicates());
        row.put("malformed", e.malformed());
        row.put("leftInQueue", e.leftInQueue());
        row.put("throughputPerSec", String.format(Locale.ROOT, "%.1f", c.throughputPerSec()));
        row.put("p50Micros", l.p50());
        row.put("p90Micros", l.p90());
        row.put("p99Micros", l.p99());
        row.put("p999Micros", l.p999());
        row.put("maxMicros", l.max());
        row.put("trustworthy", RunVerdict.of(c).trustworthy());
        return row;
    }
}
