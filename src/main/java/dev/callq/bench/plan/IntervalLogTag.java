package dev.callq.bench.plan;

import dev.callq.bench.HarnessException;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

import java.io.FileNotFoundException;
import java.nio.file.Path;

/** One tag of a run's {@code .hlog}, its intervals added up, read back the way any user's script would. */
public final class IntervalLogTag {
    private static final int SIGNIFICANT_DIGITS = 3;

    private IntervalLogTag() {
    }

    /** Every interval tagged {@code tag}, added up; empty when there is none. */
    public static Histogram cumulative(Path hlog, String tag) {
        Histogram total = new Histogram(SIGNIFICANT_DIGITS);
        try (HistogramLogReader reader = new HistogramLogReader(hlog.toFile())) {
            EncodableHistogram interval;
            while ((interval = reader.nextIntervalHistogram()) != null) {
                if (tag.equals(interval.getTag()) && interval instanceof Histogram histogram) {
                    total.add(histogram);
                }
            }
        } catch (FileNotFoundException e) {
            throw new HarnessException("cannot read " + hlog + ": " + e.getMessage(), e);
        }
        return total;
    }
}
