package dev.callq.bench.report;

import dev.callq.bench.HarnessException;
import dev.callq.bench.measure.IntervalLogReader;
import dev.callq.bench.run.ClientResult;
import dev.callq.bench.run.RunSummary;
import dev.callq.bench.run.SummaryJson;
import dev.callq.bench.run.Timeseries;
import org.HdrHistogram.Histogram;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
            Map<String, Histogram> histograms = Map.of();
            Path hlog = result.hlog() == null ? null : dir.resolve(result.hlog());
            if (hlog != null && Files.isRegularFile(hlog)) {
                try {
                    histograms = IntervalLogReader.cumulativeByTag(hlog);
                } catch (HarnessException unreadable) {
                    missing.add(result.client() + ": " + unreadable.getMessage());
                }
            } else {
                missing.add(result.client() + ": interval log " + result.hlog());
            }
            List<Timeseries.Second> seconds = List.of();
            Path csv = result.timeseries() == null ? null : dir.resolve(result.timeseries());
            if (csv != null && Files.isRegularFile(csv)) {
                try {
                    seconds = Timeseries.read(csv);
                } catch (HarnessException unreadable) {
                    missing.add(result.client() + ": " + unreadable.getMessage());
                }
            } else {
                missing.add(result.client() + ": time series " + result.timeseries());
            }
            clients.add(new ClientData(result, histograms, seconds));
        }
        return new RunFolder(dir, summary, List.copyOf(clients), List.copyOf(missing));
    }
}
