package dev.callq.bench.sip;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.callq.bench.measure.LatencySummary;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * The end-to-end SIP metrics of RFC 6076 for one UAC run, from the counts SIPp keeps, the final answers
 * it logged and the times uac.xml logs (docs/sip-metrics.md maps each to its section). Ratios are
 * percentages, as the RFC writes them, and null when their denominator is 0.
 *
 * @param invites            Total # of INVITE Requests: the calls the UAC started (SIPp's OutgoingCall(C))
 * @param invites200         INVITEs with an associated 200 OK (the 200s the scenario timed)
 * @param invites3xx         INVITEs answered with a redirection, which SER and SEER leave out
 * @param invitesEffective   INVITEs answered 200, 480, 486, 600 or 603 (SEER's numerator)
 * @param invitesIneffective INVITEs answered 408, 500, 503 or 504, or not answered at all (ISA's numerator)
 * @param invitesUnanswered  INVITEs that got no final answer (the UAC's transaction timed out, which RFC 3261
 *                           §8.1.3.1 treats as a 408; or the run was stopped first); part of invitesIneffective
 * @param sessionsCompleted  calls that went INVITE, 200, ACK, BYE, 200 (SIPp's SuccessfulCall(C))
 * @param serPercent         Session Establishment Ratio, RFC 6076 §4.6
 * @param seerPercent        Session Establishment Effectiveness Ratio, §4.7
 * @param isaPercent         Ineffective Session Attempts, §4.8
 * @param scrPercent         Session Completion Ratio, §4.9
 * @param srdMicros          Session Request Delay of successful setups (INVITE sent → first 180 or 200), §4.3.1,
 *                           at microsecond resolution; null when not measured
 * @param srdFailedMicros    Session Request Delay of failed setups (INVITE sent → its 4xx/5xx/6xx answer), §4.3.2;
 *                           null when there was none or it was not measured
 * @param sddMicros          Session Disconnect Delay of successful disconnects (BYE sent → its 200), §4.4,
 *                           as SIPp's response-time timer 2 measured it (millisecond resolution); null when
 *                           the scenario has no such timer
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionMetrics(long invites, long invites200, long invites3xx, long invitesEffective,
                             long invitesIneffective, Long invitesUnanswered, long sessionsCompleted,
                             Double serPercent, Double seerPercent, Double isaPercent, Double scrPercent,
                             LatencySummary srdMicros, LatencySummary srdFailedMicros, LatencySummary sddMicros) {
    /** RFC 6076 §4.7: the answers that leave the user's choice, not the network, deciding the session. */
    static final Set<Integer> EFFECTIVE_FAILURES = Set.of(480, 486, 600, 603);
    /** RFC 6076 §4.8: the answers of a proxy or UA that failed or was overloaded. */
    static final Set<Integer> INEFFECTIVE = Set.of(408, 500, 503, 504);

    /**
     * @param invites       INVITEs sent (one per call)
     * @param invites200    INVITEs answered 200
     * @param failureCodes  how many INVITEs got each failure answer (3xx–6xx), by status code
     * @param completed     sessions that ended with the 200 to their BYE
     * @param srd           INVITE → first answer delays, or null when not measured
     * @param sddMicros     BYE → 200 delays, or null when not measured
     */
    static SessionMetrics of(long invites, long invites200, Map<Integer, Long> failureCodes, long completed,
                             SessionRequestDelay srd, LatencySummary sddMicros) {
        long redirected = countOf(failureCodes, code -> code / 100 == 3);
        long finalAnswers = invites200 + countOf(failureCodes, code -> code >= 300);
        // Every INVITE of uac.xml ends answered 200 (timed), answered otherwise (logged) or unanswered: the rest.
        long unanswered = Math.max(0, invites - finalAnswers);
        return ratios(invites, invites200, redirected, invites200 + countOf(failureCodes, EFFECTIVE_FAILURES::contains),
                countOf(failureCodes, INEFFECTIVE::contains) + unanswered, unanswered, completed,
                srd == null ? null : srd.successfulMicros(), srd == null ? null : srd.failedMicros(), sddMicros);
    }

    /**
     * The metrics of several UAC runs taken as one (the shards of a sharded run): the counts added up and the
     * ratios computed again from them. The delays are left out: percentiles cannot be added from summaries,
     * and each run's delays stay in its own results. Null when a run has no metrics.
     */
    public static SessionMetrics sum(List<SessionMetrics> runs) {
        if (runs.isEmpty() || runs.stream().anyMatch(Objects::isNull)) {
            return null;
        }
        long invites = 0;
        long invites200 = 0;
        long redirected = 0;
        long effective = 0;
        long ineffective = 0;
        long completed = 0;
        Long unanswered = 0L;
        for (SessionMetrics run : runs) {
            invites += run.invites;
            invites200 += run.invites200;
            redirected += run.invites3xx;
            effective += run.invitesEffective;
            ineffective += run.invitesIneffective;
            completed += run.sessionsCompleted;
            unanswered = unanswered == null || run.invitesUnanswered == null ? null : unanswered + run.invitesUnanswered;
        }
        return ratios(invites, invites200, redirected, effective, ineffective, unanswered, completed, null, null, null);
    }

    /** RFC 6076's formulas, the one place they are written. */
    private static SessionMetrics ratios(long invites, long invites200, long redirected, long effective,
                                         long ineffective, Long unanswered, long completed, LatencySummary srd,
                                         LatencySummary srdFailed, LatencySummary sdd) {
        long notRedirected = invites - redirected;
        return new SessionMetrics(invites, invites200, redirected, effective, ineffective, unanswered, completed,
                percent(invites200, notRedirected), percent(effective, notRedirected), percent(ineffective, invites),
                percent(completed, invites), srd, srdFailed, sdd);
    }

    private static long countOf(Map<Integer, Long> codes, IntPredicate wanted) {
        return codes.entrySet().stream().filter(e -> wanted.test(e.getKey())).mapToLong(Map.Entry::getValue).sum();
    }

    private static Double percent(long part, long whole) {
        return whole <= 0 ? null : 100.0 * part / whole;
    }
}
