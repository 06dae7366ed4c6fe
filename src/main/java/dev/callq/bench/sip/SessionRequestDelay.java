package dev.callq.bench.sip;

import dev.callq.bench.measure.LatencyRecorder;
import dev.callq.bench.measure.LatencySummary;
import org.HdrHistogram.Histogram;

import java.nio.file.Path;
import java.util.Map;

/**
 * RFC 6076 §4.3's Session Request Delay of one UAC run, in microseconds, from two wall-clock readings of the
 * UAC's host: the INVITE's send time and the time its first non-100 answer was processed.
 * <ul>
 *   <li>successful session setup (§4.3.1): INVITE → the first 180 or 200, as uac.xml's {@code <log>} actions
 *   write them to the send log ({@link SippSendLog#firstAnswers});</li>
 *   <li>failed session setup (§4.3.2): INVITE → its 4xx, 5xx or 6xx answer, for calls that got no 180 or 200
 *   before it, as SIPp time-stamps the answer it aborted the call on in its error log.</li>
 * </ul>
 * An INVITE that got no answer at all has no SRD: it is an ineffective attempt (see {@link SessionMetrics}).
 *
 * @param successfulMicros INVITE → first 180/200, or null when none was timed
 * @param failedMicros     INVITE → failure answer, or null when none was timed
 */
record SessionRequestDelay(LatencySummary successfulMicros, LatencySummary failedMicros) {

    /**
     * @param sendLog      the UAC's send log
     * @param errorFile    SIPp's {@code -trace_err} file (absent when nothing went wrong)
     * @param userScenario whether the scenario is the user's: it may log no answers, and a failure after an
     *                     unlogged 180 would then be taken for a failed setup, so SRD is left out
     * @return the delays, or null when they cannot be told
     */
    static SessionRequestDelay read(Path sendLog, Path errorFile, boolean userScenario) {
        Map<String, Long> sentMicros = SippSendLog.read(sendLog);
        Map<String, Long> answeredMicros = SippSendLog.firstAnswers(sendLog);
        if (userScenario && answeredMicros.isEmpty()) {
            return null;
        }
        Delays successful = new Delays();
        answeredMicros.forEach((callId, micros) -> successful.record(sentMicros.get(callId), micros));
        Delays failed = new Delays();
        for (CallAnswers.Aborted answer : CallAnswers.aborted(errorFile)) {
            if (answer.code() >= 400 && "INVITE".equalsIgnoreCase(answer.method()) && answer.loggedMicros() != null
                    && !answeredMicros.containsKey(answer.callId())) {
                failed.record(sentMicros.get(answer.callId()), answer.loggedMicros());
            }
        }
        return new SessionRequestDelay(successful.summary(), failed.summary());
    }

    /** One histogram of delays; a reading at or before the send (a clock step) is kept as 0 and counted. */
    private static final class Delays {
        private final Histogram micros = new Histogram(LatencyRecorder.SIGNIFICANT_DIGITS);
        private long nonPositive;

        void record(Long sentMicros, long answeredMicros) {
            if (sentMicros == null) {
                return; // not a call of this run's send log (SIPp logs every call it starts, so none in practice)
            }
            long delay = answeredMicros - sentMicros;
            if (delay <= 0) {
                nonPositive++;
            }
            micros.recordValue(Math.max(0, delay));
        }

        LatencySummary summary() {
            return micros.getTotalCount() == 0 ? null : LatencySummary.of(micros, nonPositive);
        }
    }
}
