package dev.callq.bench.sip;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.callq.bench.measure.LatencySummary;

import java.util.Map;
import java.util.Set;

/**
 * The end-to-end SIP metrics of RFC 6076 for one UAC run, from the counts SIPp keeps and the final answers
 * it logged (docs/sip-metrics.md maps each to its section). Ratios are percentages, as the RFC writes them,
 * and null when their denominator is 0.
 *
 * @param invites            Total # of INVITE Requests: the calls the UAC started (SIPp's OutgoingCall(C))
 * @param invites200         INVITEs with an associated 200 OK (the 200s the scenario timed)
 * @param invites3xx         INVITEs answered with a redirection, which SER and SEER leave out
 * @param invitesEffective   INVITEs answered 200, 480, 486, 600 or 603 (SEER's numerator)
 * @param invitesIneffective INVITEs answered 408, 500, 503 or 504 (ISA's numerator)
 * @param sessionsCompleted  calls that went INVITE, 200, ACK, BYE, 200 (SIPp's SuccessfulCall(C))
 * @param serPercent         Session Establishment Ratio, RFC 6076 §4.6
 * @param seerPercent        Session Establishment Effectiveness Ratio, §4.7
 * @param isaPercent         Ineffective Session Attempts, §4.8
 * @param scrPercent         Session Completion Ratio, §4.9
 * @param sddMicros          Session Disconnect Delay of successful disconnects (BYE sent → its 200), §4.4,
 *                           as SIPp's response-time timer 2 measured it (millisecond resolution); null when
 *                           the scenario has no such timer
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionMetrics(long invites, long invites200, long invites3xx, long invitesEffective,
                             long invitesIneffective, long sessionsCompleted, Double serPercent,
                             Double seerPercent, Double isaPercent, Double scrPercent,
                             LatencySummary sddMicros) {
    /** RFC 6076 §4.7: the answers that leave the user's choice, not the network, deciding the session. */
    static final Set<Integer> EFFECTIVE_FAILURES = Set.of(480, 486, 600, 603);
    /** RFC 6076 §4.8: the answers of a proxy or UA that failed or was overloaded. */
    static final Set<Integer> INEFFECTIVE = Set.of(408, 500, 503, 504);

    /**
     * @param invites       INVITEs sent (one per call)
     * @param invites200    INVITEs answered 200
     * @param failureCodes  how many INVITEs got each failure answer (3xx–6xx), by status code
     * @param completed     sessions that ended with the 200 to their BYE
     * @param sddMicros     BYE → 200 delays, or null when not measured
     */
    static SessionMetrics of(long invites, long invites200, Map<Integer, Long> failureCodes, long completed,
                             LatencySummary sddMicros) {
        long redirected = failureCodes.entrySet().stream().filter(e -> e.getKey() / 100 == 3)
                .mapToLong(Map.Entry::getValue).sum();
        long effective = invites200 + countOf(failureCodes, EFFECTIVE_FAILURES);
        long ineffective = countOf(failureCodes, INEFFECTIVE);
        long notRedirected = invites - redirected;
        return new SessionMetrics(invites, invites200, redirected, effective, ineffective, completed,
                percent(invites200, notRedirected), percent(effective, notRedirected),
                percent(ineffective, invites), percent(completed, invites), sddMicros);
    }

    private static long countOf(Map<Integer, Long> codes, Set<Integer> wanted) {
        return codes.entrySet().stream().filter(e -> wanted.contains(e.getKey())).mapToLong(Map.Entry::getValue).sum();
    }

    private static Double percent(long part, long whole) {
        return whole <= 0 ? null : 100.0 * part / whole;
    }
}
