package dev.callq.bench.report;

import dev.callq.bench.HarnessException;
import dev.callq.bench.measure.IntervalLogReader;
import dev.callq.bench.result.ClientResult;
import dev.callq.bench.result.RunSummary;
import dev.callq.bench.result.SummaryJson;
import dev.callq.bench.result.Timeseries;
import org.HdrHistogram.Histogram;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A results folder as {@code callq run} left it, read back from the raw files alone: the summary, and per
 * client the interval log cumulated per metric tag and the per-second time series.
 *
 * @param missing raw files the summary names that are not there or cannot be read; the report says so instead
 *                of failing
 */
record RunFolder(Path dir, RunSummary summary, List<ClientData> clients, List<String> missing) {

    /** One client's result with its raw data; the maps and lists are empty when the file was missing. */
    record ClientData(ClientResult result, Map<String, Histogram> cumulativeByTag, List<Timeseries.Second> seconds) {
    }

    static RunFolder read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new HarnessException("no results folder at " + dir);
        }
        RunSummary summary = SummaryJson.read(dir);
        List<ClientData> clients = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (ClientResult result : summary.clients()) {
            Consumer<String> note = problem -> missing.add(result.client() + ": " + problem);
            Map<String, Histogram> histograms = readRaw(dir, result.hlog(), "interval log",
                    IntervalLogReader::cumulativeByTag, Map.of(), note);
            List<Timeseries.Second> seconds = readRaw(dir, result.timeseries(), "time series", Timeseries::read,
                    List.of(), note);
            clients.add(new ClientData(result, histograms, seconds));
        }
        return new RunFolder(dir, summary, List.copyOf(clients), List.copyOf(missing));
    }

    /** One raw file the summary names, read; {@code none} and a note when it is missing or unreadable. */
    private static <T> T readRaw(Path dir, String name, String what, Function<Path, T> reader, T none,
                                 Consumer<String> missing) {
        Path file = name == null ? null : dir.resolve(name);
        if (file == null || !Files.isRegularFile(file)) {
            missing.accept(what + " " + name);
            return none;
        }
        try {
            return reader.apply(file);
        } catch (HarnessException unreadable) {
            missing.accept(unreadable.getMessage());
            return none;
        }
    }
}
