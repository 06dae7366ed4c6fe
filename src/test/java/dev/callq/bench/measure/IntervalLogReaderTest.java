package dev.callq.bench.measure;

import dev.callq.bench.HarnessException;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What {@link IntervalLog} writes, {@link IntervalLogReader} reads back; a damaged log is a one-line error. */
class IntervalLogReaderTest {
    @TempDir
    Path tmp;

    @Test
    void readsEveryIntervalAndAddsThemUpTagByTag() {
        Path hlog = writeThreeIntervals();

        assertThat(IntervalLogReader.intervals(hlog)).extracting(Histogram::getTag)
                .containsExactly("enqueueToDequeue", "serviceTime", "enqueueToDequeue");
        assertThat(IntervalLogReader.cumulativeByTag(hlog)).containsOnlyKeys("enqueueToDequeue", "serviceTime");
        Histogram wait = IntervalLogReader.cumulative(hlog, Metric.ENQUEUE_TO_DEQUEUE.tag());
        assertThat(wait.getTotalCount()).isEqualTo(3);
        assertThat(wait.getMaxValue()).isEqualTo(300);
        assertThat(IntervalLogReader.cumulative(hlog, Metric.PRODUCER_LAG.tag()).getTotalCount()).isZero();
    }

    @Test
    void aTruncatedLogIsAOneLineErrorNamingTheFile() throws IOException {
        Path hlog = writeThreeIntervals();
        String text = Files.readString(hlog);
        Files.writeString(hlog, text.substring(0, text.length() - 40));

        assertThatThrownBy(() -> IntervalLogReader.cumulativeByTag(hlog)).isInstanceOf(HarnessException.class)
                .hasMessageStartingWith("interval log " + hlog + " is truncated or corrupt after 2 intervals")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aHeaderOnlyLogIsAOneLineErrorNamingTheFile() {
        Path hlog = tmp.resolve("empty.hlog");
        new IntervalLog(hlog, 1_000, "nothing recorded").close();

        assertThatThrownBy(() -> IntervalLogReader.intervals(hlog)).isInstanceOf(HarnessException.class)
                .hasMessage("interval log " + hlog + " holds no interval (header only: truncated, or the run "
                        + "recorded nothing)");
    }

    @Test
    void aMissingLogIsAOneLineErrorNamingTheFile() {
        Path hlog = tmp.resolve("nowhere.hlog");

        assertThatThrownBy(() -> IntervalLogReader.cumulative(hlog, "enqueueToDequeue"))
                .isInstanceOf(HarnessException.class).hasMessage("interval log " + hlog + " is missing");
    }

    private Path writeThreeIntervals() {
        Path hlog = tmp.resolve("jedis.hlog");
        try (IntervalLog log = new IntervalLog(hlog, 1_000, "test")) {
            log.write(Metric.ENQUEUE_TO_DEQUEUE, histogramOf(100, 200), 1_000, 2_000);
            log.write(Metric.SERVICE_TIME, histogramOf(50), 1_000, 2_000);
            log.write(Metric.ENQUEUE_TO_DEQUEUE, histogramOf(300), 2_000, 3_000);
        }
        return hlog;
    }

    private static Histogram histogramOf(long... values) {
        Histogram histogram = new Histogram(LatencyRecorder.SIGNIFICANT_DIGITS);
        for (long value : values) {
            histogram.recordValue(value);
        }
        return histogram;
    }
}
