package dev.callq.bench.load;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.callq.bench.measure.LatencySummary;
import dev.callq.bench.sip.CallAnswers;
import dev.callq.bench.sip.KamailioErrors;
import dev.callq.bench.sip.SessionMetrics;

/**
 * SIP calls of the measured phase, as SIPp counted them, plus what Kamailio says it did with them.
 *
 * @param pushFailures   pushes Kamailio could not do (the caller got a 5xx)
 * @param pushed         events Kamailio's script counted as pushed, the events expected in the queue; null
 *                       when the script keeps no counters and the expectation comes from SIPp's statistics
 * @param kamailioErrors Kamailio's own failures, the named causes of failed calls; null in older results
 *                       and with a Kamailio the user started
 * @param postDialDelayMicros INVITE sent → 200 received, as SIPp timed it (millisecond resolution); null in
 *                       older results
 * @param answers        the calls by final answer class (2xx, 5xx, timeouts…); null in older results
 * @param retransmissions SIP messages the UAC sent again (SIPp's Retransmissions(C)); null in older results
 * @param rfc6076        the same calls in RFC 6076's terms (SER, SEER, ISA, SCR, SDD); null in older results
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CallStats(long attempted, long succeeded, long failed, long pushFailures, Long pushed,
                        KamailioErrors kamailioErrors, LatencySummary postDialDelayMicros,
                        CallAnswers answers, Long retransmissions, SessionMetrics rfc6076) {

    /** Counts without post-dial delay, answers, retransmissions or RFC 6076 metrics. */
    public CallStats(long attempted, long succeeded, long failed, long pushFailures, Long pushed,
                     KamailioErrors kamailioErrors) {
        this(attempted, succeeded, failed, pushFailures, pushed, kamailioErrors, null, null, null, null);
    }

    /** Counts without RFC 6076 metrics. */
    public CallStats(long attempted, long succeeded, long failed, long pushFailures, Long pushed,
                     KamailioErrors kamailioErrors, LatencySummary postDialDelayMicros, CallAnswers answers,
                     Long retransmissions) {
        this(attempted, succeeded, failed, pushFailures, pushed, kamailioErrors, postDialDelayMicros, answers,
                retransmissions, null);
    }

    /**
     * How the Kamailio script broke its contract, or null: calls were answered but its
     * {@code callq_pushed_*} counters show no push, so it never put an event in the queue (or counts under
     * other names). A script without counters ({@code pushed} null) is judged by SIPp's counts instead.
     * Without this, such a run passes every check: 0 expected, 0 consumed, 0 ≤ INVITEs sent.
     */
    public String contractProblem() {
        if (pushed == null || pushed > 0 || succeeded == 0) {
            return null;
        }
        return "the Kamailio script's callq_pushed_* counters show 0 pushes while " + succeeded
                + " calls were answered: it does not push the events the run measures";
    }

    /** Why calls failed, as far as Kamailio says, e.g. "12 pushes failed; Kamailio out of shared memory 3 times". */
    public String failureCauses() {
        String kamailio = kamailioErrors == null ? "" : kamailioErrors.describe();
        String pushes = pushFailures > 0 ? pushFailures + " pushes failed (answered 5xx)" : "";
        String causes = pushes.isEmpty() || kamailio.isEmpty() ? pushes + kamailio : pushes + "; " + kamailio;
        String answered = answers == null ? "" : answers.describeFailures();
        causes = causes.isEmpty() || answered.isEmpty() ? causes + answered : causes + "; " + answered;
        return causes.isEmpty() ? "no cause in Kamailio's counters or log (see the SIPp logs)" : causes;
    }
}
