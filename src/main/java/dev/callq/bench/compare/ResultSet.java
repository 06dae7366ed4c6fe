package dev.callq.bench.compare;

import dev.callq.bench.HarnessException;
import dev.callq.bench.measure.IntervalLogReader;
import dev.callq.bench.measure.LatencyRecorder;
import dev.callq.bench.measure.Metric;
import dev.callq.bench.result.ClientResult;
import dev.callq.bench.result.RunSummary;
import dev.callq.bench.result.RunVerdict;
import dev.callq.bench.result.SummaryJson;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Every measured cell under a results folder (a run, a sweep or a suite): each {@code summary.json}
 * below it, one cell per client, with the p99 recomputed from the raw interval log. Cells with the
 * same key are repeats.
 */
public final class ResultSet {
    private final Path root;
    private final Map<CellKey, List<CellMeasurement>> cells;

    private ResultSet(Path root, Map<CellKey, List<CellMeasurement>> cells) {
        this.root = root;
        this.cells = cells;
    }

    /** Measurements made elsewhere, for tests of the comparison rules. */
    static ResultSet of(Path root, Map<CellKey, List<CellMeasurement>> cells) {
        return new ResultSet(root, cells);
    }

    public static ResultSet load(Path root) {
        if (!Files.isDirectory(root)) {
            throw new HarnessException("results folder " + root + " does not exist");
        }
        Map<CellKey, List<CellMeasurement>> cells = new LinkedHashMap<>();
        List<Path> summaries;
        try (Stream<Path> files = Files.walk(root)) {
            summaries = files.filter(p -> p.getFileName().toString().equals(SummaryJson.FILE_NAME)).sorted().toList();
        } catch (IOException e) {
            throw new HarnessException("cannot read " + root + ": " + e.getMessage(), e);
        }
        if (summaries.isEmpty()) {
            throw new HarnessException("no summary.json under " + root);
        }
        for (Path summary : summaries) {
            for (CellMeasurement cell : read(summary)) {
                cells.computeIfAbsent(cell.key(), k -> new ArrayList<>()).add(cell);
            }
        }
        return new ResultSet(root, cells);
    }

    public Path root() {
        return root;
    }

    public Map<CellKey, List<CellMeasurement>> cells() {
        return cells;
    }

    /** Merges result sets read elsewhere (e.g. repeats picked from a pool of runs) into one. */
    public static ResultSet union(Path root, List<ResultSet> parts) {
        Map<CellKey, List<CellMeasurement>> cells = new LinkedHashMap<>();
        for (ResultSet part : parts) {
            part.cells.forEach((key, repeats) -> cells.computeIfAbsent(key, k -> new ArrayList<>()).addAll(repeats));
        }
        return new ResultSet(root, cells);
    }

    /**
     * One measurement per client of a run. A summary that is not a run's ({@code {}}, another schema, no
     * clients) or an interval log that is missing, header-only or cut short is refused in one line: the
     * gate must never read broken results as "no regression".
     */
    private static List<CellMeasurement> read(Path summaryFile) {
        Path folder = summaryFile.getParent();
        RunSummary summary = SummaryJson.read(folder);
        if (summary.clients() == null || summary.clients().isEmpty()) {
            throw new HarnessException(summaryFile + " holds no client result: not a finished callq run");
        }
        Object rate = summary.config() == null ? null : summary.config().get("rate");
        List<CellMeasurement> measurements = new ArrayList<>();
        for (ClientResult client : summary.clients()) {
            if (client.hlog() == null) {
                throw new HarnessException(summaryFile + " names no interval log for " + client.client());
            }
            CellKey key = new CellKey(client.client(), client.load(), client.pattern(), client.workers(),
                    String.valueOf(rate), client.payload());
            Histogram total = new Histogram(LatencyRecorder.SIGNIFICANT_DIGITS);
            Histogram done = new Histogram(LatencyRecorder.SIGNIFICANT_DIGITS);
            List<Long> intervalP99s = new ArrayList<>();
            for (Histogram interval : IntervalLogReader.intervals(folder.resolve(client.hlog()))) {
                if (Metric.ENQUEUE_TO_DONE.tag().equals(interval.getTag())) {
                    done.add(interval);
                }
                if (!Metric.ENQUEUE_TO_DEQUEUE.tag().equals(interval.getTag())) {
                    continue;
                }
                total.add(interval);
                if (interval.getTotalCount() >= CellMeasurement.MIN_INTERVAL_SAMPLES) {
                    intervalP99s.add(interval.getValueAtPercentile(99));
                }
            }
            RunVerdict verdict = RunVerdict.of(client);
            measurements.add(new CellMeasurement(key, client.serviceTime(), folder, total.getValueAtPercentile(99),
                    client.throughputPerSec(), intervalP99s, total.getTotalCount(),
                    verdict.trustworthy() ? null : String.join("; ", verdict.reasons()),
                    done.getTotalCount() == 0 ? -1 : done.getValueAtPercentile(50)));
        }
        return measurements;
    }
}
