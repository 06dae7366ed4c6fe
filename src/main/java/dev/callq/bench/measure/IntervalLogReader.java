package dev.callq.bench.measure;

import dev.callq.bench.HarnessException;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads back an {@code .hlog} that {@link IntervalLog} or another tool (jHiccup, a user's own writer) wrote,
 * the way any user's script would (HdrHistogram's own {@link HistogramLogReader}): every interval, or the
 * intervals of each tag added up. The one reader of
 * the format, so that every command fails alike on a bad file: a missing, truncated or header-only log is a
 * {@link HarnessException} whose message names the file, never a stack trace.
 */
public final class IntervalLogReader {
    private IntervalLogReader() {
    }

    /** Every interval of the log in the order written, each with its metric tag. */
    public static List<Histogram> intervals(Path hlog) {
        if (!Files.isRegularFile(hlog)) {
            throw new HarnessException("interval log " + hlog + " is missing");
        }
        List<Histogram> intervals = new ArrayList<>();
        try (HistogramLogReader reader = new HistogramLogReader(hlog.toFile())) {
            EncodableHistogram interval;
            while ((interval = nextInterval(reader, hlog, intervals.size())) != null) {
                if (!(interval instanceof Histogram histogram)) {
                    throw new HarnessException(hlog + " holds a floating-point histogram; callq logs integer microseconds");
                }
                intervals.add(histogram);
            }
        } catch (FileNotFoundException e) {
            throw new HarnessException("interval log " + hlog + " is missing");
        }
        if (intervals.isEmpty()) {
            throw new HarnessException("interval log " + hlog + " holds no interval (header only: truncated, "
                    + "or the run recorded nothing)");
        }
        return intervals;
    }

    /** The intervals added up tag by tag, in the order the tags first appear; untagged ones under "untagged". */
    public static Map<String, Histogram> cumulativeByTag(Path hlog) {
        Map<String, Histogram> totals = new LinkedHashMap<>();
        for (Histogram interval : intervals(hlog)) {
            String tag = interval.getTag() == null ? "untagged" : interval.getTag();
            totals.computeIfAbsent(tag, t -> new Histogram(interval.getNumberOfSignificantValueDigits())).add(interval);
        }
        return totals;
    }

    /** Every interval tagged {@code tag}, added up; empty when the log has none of that tag. */
    public static Histogram cumulative(Path hlog, String tag) {
        Histogram total = cumulativeByTag(hlog).get(tag);
        return total != null ? total : new Histogram(LatencyRecorder.SIGNIFICANT_DIGITS);
    }

    /** A line cut short (the writer killed mid-interval) fails inside HdrHistogram's decoder; say where. */
    private static EncodableHistogram nextInterval(HistogramLogReader reader, Path hlog, int read) {
        try {
            return reader.nextIntervalHistogram();
        } catch (RuntimeException e) {
            throw new HarnessException("interval log " + hlog + " is truncated or corrupt after " + read
                    + " intervals: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage().lines().findFirst().orElse("")), e);
        }
    }
}
