package dev.callq.bench.compare;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callq.bench.HarnessException;
import dev.callq.bench.measure.IntervalLogReader;
import dev.callq.bench.measure.Metric;
import dev.callq.bench.run.SummaryJson;
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

    private static List<CellMeasurement> read(Path summaryFile) {
        JsonNode summary;
        try {
            summary = SummaryJson.mapper().readTree(summaryFile.toFile());
        } catch (IOException e) {
            throw new HarnessException("cannot read " + summaryFile + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
        Path folder = summaryFile.getParent();
        String rate = summary.at("/config/rate").asText();
        List<CellMeasurement> measurements = new ArrayList<>();
        for (JsonNode client : summary.path("clients")) {
            CellKey key = new CellKey(client.path("client").asText(), client.path("load").asText(),
                    client.path("pattern").asText(), client.path("workers").asInt(), rate,
                    client.path("payload").asText());
            Histogram histogram = IntervalLogReader.cumulative(folder.resolve(client.path("hlog").asText()),
                    Metric.ENQUEUE_TO_DEQUEUE.tag());
            measurements.add(new CellMeasurement(key, client.path("serviceTime").asText(), folder,
                    histogram.getValueAtPercentile(99), client.path("throughputPerSec").asDouble()));
        }
        return measurements;
    }
}
