package dev.callq.bench.sip;

import dev.callq.bench.HarnessException;
import dev.callq.bench.measure.LatencyRecorder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Post-dial delay as the caller sees it: SIPp's response time from sending the INVITE to receiving its
 * 200 (response-time timer 1, stopped by {@code rtd="true"} on the 200 in the UAC scenario), one line per
 * call in SIPp's {@code -trace_rtt} file ("{@code Date_ms;response_time_ms;rtd_no}"). SIPp keeps these
 * times in whole milliseconds (its clock ticks per millisecond): the histogram holds microseconds, as
 * every latency of the harness, but each value is a multiple of 1,000.
 */
public final class PostDialDelay {
    /** The tag of the histogram in {@link #HLOG_FILE}. */
    public static final String TAG = "postDialDelay";
    public static final String HLOG_FILE = "sipp-post-dial-delay.hlog";
    /** The timer the INVITE's 200 stops. */
    static final String TIMER = "1";
    /** The timer the BYE's 200 stops (RFC 6076's Session Disconnect Delay); SIPp numbers timers in order of first use. */
    static final String DISCONNECT_TIMER = "2";

    private PostDialDelay() {
    }

    /** The response times of timer 1 in an rtt file, in microseconds. */
    static Histogram read(Path rttCsv) {
        return read(rttCsv, TIMER);
    }

    /** The response times of one timer in an rtt file, in microseconds. */
    static Histogram read(Path rttCsv, String timer) {
        Histogram micros = new Histogram(LatencyRecorder.SIGNIFICANT_DIGITS);
        List<String> lines;
        try {
            lines = Files.readAllLines(rttCsv, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new HarnessException("cannot read SIPp response times " + rttCsv + ": " + e.getMessage(), e);
        }
        for (int i = 1; i < lines.size(); i++) {
            String[] fields = lines.get(i).strip().split(";");
            if (fields.length != 3 || !fields[2].strip().equals(timer)) {
                continue;
            }
            try {
                double millis = Double.parseDouble(fields[1]);
                micros.recordValue(Math.max(0, Math.round(millis * 1000)));
            } catch (NumberFormatException e) {
                throw new HarnessException("SIPp response times " + rttCsv + " line " + (i + 1)
                        + " is not 'date;ms;timer': " + lines.get(i));
            }
        }
        return micros;
    }

    /** Writes the whole phase as one interval under {@link #TAG}, so reports can rebuild the percentiles. */
    public static void writeHlog(Histogram micros, Path file, long startMillis, long endMillis) {
        try (PrintStream out = new PrintStream(file.toFile(), StandardCharsets.UTF_8)) {
            HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.outputComment("post-dial delay (INVITE sent -> 200 received) of the measured calls, "
                    + "SIPp response times in microseconds at millisecond resolution");
            writer.outputLogFormatVersion();
            writer.outputStartTime(startMillis);
            writer.setBaseTime(startMillis);
            writer.outputLegend();
            Histogram interval = micros.copy();
            interval.setStartTimeStamp(startMillis);
            interval.setEndTimeStamp(endMillis);
            interval.setTag(TAG);
            writer.outputIntervalHistogram(interval);
        } catch (IOException e) {
            throw new HarnessException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
