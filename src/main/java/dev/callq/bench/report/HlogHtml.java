package dev.callq.bench.report;

import dev.callq.bench.HarnessException;
import dev.callq.bench.measure.IntervalLogReader;
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
 * The report.html of a folder holding only HdrHistogram interval logs, such as jHiccup, wrk2 or a
 * user's own {@code HistogramLogWriter} write: per log and tag, the count and percentiles, and each
 * interval's p99 over time. Values are shown as recorded: the log does not say its unit (callq writes
 * microseconds, jHiccup nanoseconds).
 */
public final class HlogHtml {
    private static final double[] PERCENTILES = {50, 90, 99, 99.9};

    private HlogHtml() {
    }

    /** The {@code .hlog} files directly in {@code dir}, by name. */
    static List<Path> logs(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".hlog") && Files.isRegularFile(f))
                    .sorted().toList();
        } catch (IOException e) {
            throw new HarnessException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code dir}/report.html from the interval logs in {@code dir}; returns its path. */
    public static Path write(Path dir) {
        List<Path> logs = logs(dir);
        String title = "HdrHistogram interval logs in " + dir.toAbsolutePath().normalize().getFileName();
        HtmlPage page = new HtmlPage(title, title, logs.size() + " interval log(s) written by another tool; "
                + "values as recorded (the log does not say its unit: jHiccup records ns, callq µs)");
        List<List<String>> rows = new ArrayList<>();
        List<Charts.Line> p99Lines = new ArrayList<>();
        for (Path log : logs) {
            Map<String, List<Histogram>> byTag = new LinkedHashMap<>();
            for (Histogram interval : IntervalLogReader.intervals(log)) {
                String tag = interval.getTag() == null ? "untagged" : interval.getTag();
                byTag.computeIfAbsent(tag, t -> new ArrayList<>()).add(interval);
            }
            for (Map.Entry<String, List<Histogram>> tag : byTag.entrySet()) {
                String name = log.getFileName() + (byTag.size() > 1 || !"untagged".equals(tag.getKey())
                        ? " " + tag.getKey() : "");
                rows.add(row(name, tag.getValue()));
                p99Lines.add(p99OverTime(name, tag.getValue(), p99Lines.size()));
            }
        }
        page.headline(String.join("; ", rows.stream()
                .map(row -> row.get(0) + ": p99 " + row.get(5) + ", max " + row.get(7) + " (" + row.get(2) + " values)")
                .toList()));
        page.heading("Percentiles").table(Table.of(List.of("log and tag", "intervals", "count", "p50", "p90", "p99",
                "p99.9", "max"), rows));
        page.heading("p99 of each interval");
        page.chart(Charts.xy("hlog-p99", "p99 of each interval", "seconds since the log's first interval",
                "p99 (as recorded)", p99Lines), "no interval");
        page.noteMarkup("Rebuilt by <code>callq report</code> from the <code>.hlog</code> files alone, read with "
                + "HdrHistogram's <code>HistogramLogReader</code>.");
        return page.writeTo(dir);
    }

    private static List<String> row(String name, List<Histogram> intervals) {
        Histogram total = new Histogram(intervals.get(0).getNumberOfSignificantValueDigits());
        intervals.forEach(total::add);
        List<String> row = new ArrayList<>(List.of(name, Integer.toString(intervals.size()),
                Long.toString(total.getTotalCount())));
        for (double percentile : PERCENTILES) {
            row.add(Long.toString(total.getValueAtPercentile(percentile)));
        }
        row.add(Long.toString(total.getMaxValue()));
        return row;
    }

    private static Charts.Line p99OverTime(String name, List<Histogram> intervals, int colour) {
        long firstMillis = intervals.get(0).getStartTimeStamp();
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (Histogram interval : intervals) {
            x.add((interval.getStartTimeStamp() - firstMillis) / 1000.0);
            y.add((double) interval.getValueAtPercentile(99));
        }
        return new Charts.Line(name, x, y, false, colour);
    }
}
