package dev.callq.bench.measure;

import dev.callq.bench.HarnessException;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * One HdrHistogram interval log ({@code .hlog}) per client: every interval of every metric is written
 * under the metric's tag, and added to that metric's cumulative histogram, from which the summary's
 * percentiles are read. Keeping the raw intervals lets reports and comparisons be rebuilt later.
 * Closing it also writes each metric's percentile distribution beside it ({@code <client>.<tag>.hgrm},
 * values in microseconds), the text HDR plotters read.
 */
public final class IntervalLog implements AutoCloseable {
    /** The .hgrm files keep the log's microseconds. */
    private static final double MICROS_PER_OUTPUT_UNIT = 1.0;

    private final Path file;
    private final PrintStream out;
    private final HistogramLogWriter writer;
    private final Map<Metric, Histogram> cumulative = new EnumMap<>(Metric.class);

    public IntervalLog(Path file, long startTimeMillis, String comment) {
        this.file = file;
        try {
            this.out = new PrintStream(file.toFile(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new HarnessException("cannot write " + file + ": " + e.getMessage(), e);
        }
        this.writer = new HistogramLogWriter(out);
        writer.outputComment(comment);
        writer.outputLogFormatVersion();
        writer.outputStartTime(startTimeMillis);
        writer.setBaseTime(startTimeMillis);
        writer.outputLegend();
    }

    public Path file() {
        return file;
    }

    /** Writes one interval of {@code metric} and adds it to the cumulative histogram. */
    public synchronized void write(Metric metric, Histogram interval, long startMillis, long endMillis) {
        interval.setStartTimeStamp(startMillis);
        interval.setEndTimeStamp(endMillis);
        interval.setTag(metric.tag());
        writer.outputIntervalHistogram(interval);
        cumulative.computeIfAbsent(metric, m -> new Histogram(LatencyRecorder.SIGNIFICANT_DIGITS)).add(interval);
    }

    /** Everything written so far for {@code metric}; empty when nothing was. */
    public synchronized Histogram cumulative(Metric metric) {
        Histogram total = cumulative.get(metric);
        return total == null ? new Histogram(LatencyRecorder.SIGNIFICANT_DIGITS) : total.copy();
    }

    /** The percentile distribution file of {@code metric} beside {@code hlog}: {@code jedis.enqueueToDequeue.hgrm}. */
    public static Path hgrm(Path hlog, Metric metric) {
        String name = hlog.getFileName().toString().replaceFirst("\\.hlog$", "");
        return hlog.resolveSibling(name + "." + metric.tag() + ".hgrm");
    }

    @Override
    public synchronized void close() {
        out.close();
        for (Map.Entry<Metric, Histogram> entry : cumulative.entrySet()) {
            Path hgrm = hgrm(file, entry.getKey());
            try (PrintStream distribution = new PrintStream(hgrm.toFile(), StandardCharsets.UTF_8)) {
                entry.getValue().outputPercentileDistribution(distribution, MICROS_PER_OUTPUT_UNIT);
            } catch (IOException e) {
                throw new HarnessException("cannot write " + hgrm + ": " + e.getMessage(), e);
            }
        }
    }
}
