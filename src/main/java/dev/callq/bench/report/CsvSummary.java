package dev.callq.bench.report;

import dev.callq.bench.measure.LatencySummary;
import dev.callq.bench.result.ClientResult;
import dev.callq.bench.result.RunSummary;
import dev.callq.bench.result.RunVerdict;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code summary.csv}: one row per client, latencies are enqueue→dequeue in microseconds; the last column
 * is the client's {@link RunVerdict}.
 */
final class CsvSummary {
    static final String FILE_NAME = "summary.csv";
    static final String HEADER = "client,workers,pattern,payload,load,expected,consumed,lost,duplicates,malformed,"
            + "leftInQueue,throughputPerSec,p50Micros,p90Micros,p99Micros,p999Micros,maxMicros,trustworthy";

    private CsvSummary() {
    }

    static String render(RunSummary summary) {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (ClientResult c : summary.clients()) {
            LatencySummary l = c.latencyMicros().getOrDefault(Charts.SPECTRUM_TAG,
                    new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0, 0));
            ClientResult.Events e = c.events();
            List<Object> fields = List.of(c.client(), c.workers(), c.pattern(), c.payload(), c.load(),
                    e.expected(), e.consumed(), e.lost(), e.duplicates(), e.malformed(), e.leftInQueue(),
                    String.format(Locale.ROOT, "%.1f", c.throughputPerSec()),
                    l.p50(), l.p90(), l.p99(), l.p999(), l.max(), RunVerdict.of(c).trustworthy());
            csv.append(fields.stream().map(CsvSummary::field).collect(Collectors.joining(","))).append('\n');
        }
        return csv.toString();
    }

    private static String field(Object value) {
        String text = String.valueOf(value);
        if (Stream.of(",", "\"", "\n").anyMatch(text::contains)) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
