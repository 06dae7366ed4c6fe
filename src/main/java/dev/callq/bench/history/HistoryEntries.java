package dev.callq.bench.history;

import dev.callq.bench.HarnessException;
import dev.callq.bench.compare.CellKey;
import dev.callq.bench.compare.CellMeasurement;
import dev.callq.bench.compare.MachineRecord;
import dev.callq.bench.compare.ResultSet;
import dev.callq.bench.measure.IntervalLogReader;
import dev.callq.bench.measure.LatencyRecorder;
import dev.callq.bench.measure.Metric;
import dev.callq.bench.result.ClientResult;
import dev.callq.bench.result.RunSummary;
import dev.callq.bench.result.SummaryJson;
import org.HdrHistogram.Histogram;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A results folder (a suite, a sweep, a run) turned into history lines: one per cell, its repeats pooled. */
public final class HistoryEntries {
    private HistoryEntries() {
    }

    /** One line per cell of {@code results}, recorded as {@code commit} measured at {@code time} on {@code machine}. */
    public static List<HistoryEntry> of(ResultSet results, String commit, Instant time, MachineRecord machine) {
        List<HistoryEntry> entries = new ArrayList<>();
        results.cells().forEach((key, repeats) -> entries.add(entry(key, repeats, commit, time, machine)));
        return entries;
    }

    /**
     * The commit the results were built from, as their summaries' provenance records it; null when none
     * records one (a build outside git), or when repeats disagree (then the caller must say which).
     */
    public static String recordedCommit(ResultSet results) {
        List<String> commits = results.cells().values().stream().flatMap(List::stream)
                .map(m -> SummaryJson.read(m.folder()).provenance()).map(p -> p == null ? null : p.commit())
                .distinct().toList();
        if (commits.size() != 1 || commits.get(0) == null || commits.get(0).equals("unknown")) {
            return null;
        }
        return commits.get(0);
    }

    private static HistoryEntry entry(CellKey key, List<CellMeasurement> repeats, String commit, Instant time,
                                      MachineRecord machine) {
        Histogram dequeued = new Histogram(LatencyRecorder.SIGNIFICANT_DIGITS);
        Histogram done = new Histogram(LatencyRecorder.SIGNIFICANT_DIGITS);
        List<Double> throughputs = new ArrayList<>();
        List<Double> cpuPer1k = new ArrayList<>();
        long[] events = new long[8];
        List<String> untrustworthy = new ArrayList<>();
        for (CellMeasurement repeat : repeats) {
            ClientResult client = client(repeat);
            Map<String, Histogram> byTag = IntervalLogReader.cumulativeByTag(repeat.folder().resolve(client.hlog()));
            add(dequeued, byTag.get(Metric.ENQUEUE_TO_DEQUEUE.tag()));
            add(done, byTag.get(Metric.ENQUEUE_TO_DONE.tag()));
            throughputs.add(client.throughputPerSec());
            if (client.cost() != null && client.cost().jvmCpuMsPer1k() != null) {
                cpuPer1k.add(client.cost().jvmCpuMsPer1k());
            }
            ClientResult.Events e = client.events();
            long[] counts = {e.expected(), e.consumed(), e.unique(), e.lost(), e.duplicates(), e.unexpected(),
                    e.malformed(), e.leftInQueue()};
            Arrays.setAll(events, i -> events[i] + counts[i]);
            if (repeat.untrustworthy() != null) {
                untrustworthy.add(repeat.folder().getFileName() + ": " + repeat.untrustworthy());
            }
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (dequeued.getTotalCount() > 0) {
            metrics.put(HistoryMetric.P50_ENQUEUE_TO_DEQUEUE.key(), (double) dequeued.getValueAtPercentile(50));
            metrics.put(HistoryMetric.P99_ENQUEUE_TO_DEQUEUE.key(), (double) dequeued.getValueAtPercentile(99));
        }
        if (done.getTotalCount() > 0) {
            metrics.put(HistoryMetric.P50_ENQUEUE_TO_DONE.key(), (double) done.getValueAtPercentile(50));
            metrics.put(HistoryMetric.P99_ENQUEUE_TO_DONE.key(), (double) done.getValueAtPercentile(99));
        }
        metrics.put(HistoryMetric.THROUGHPUT.key(), median(throughputs));
        if (cpuPer1k.size() == repeats.size()) {
            metrics.put(HistoryMetric.JVM_CPU_PER_1K.key(), median(cpuPer1k));
        }
        ClientResult.Events summed = new ClientResult.Events(events[0], events[1], events[2], events[3], events[4],
                events[5], events[6], events[7], 0, null);
        return new HistoryEntry(HistoryEntry.SCHEMA, commit, time.toString(), machine, key,
                repeats.get(0).serviceTime(), repeats.size(), metrics, summed,
                untrustworthy.isEmpty() ? null : String.join("; ", untrustworthy));
    }

    /** The repeat's result of the cell's client (a summary may hold several clients). */
    private static ClientResult client(CellMeasurement repeat) {
        RunSummary summary = SummaryJson.read(repeat.folder());
        CellKey key = repeat.key();
        return summary.clients().stream().filter(c -> c.client().equals(key.client())
                        && Objects.equals(c.pattern(), key.pattern()) && c.workers() == key.workers())
                .findFirst().orElseThrow(() -> new HarnessException(repeat.folder() + " holds no result of " + key));
    }

    private static void add(Histogram total, Histogram part) {
        if (part != null) {
            total.add(part);
        }
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
