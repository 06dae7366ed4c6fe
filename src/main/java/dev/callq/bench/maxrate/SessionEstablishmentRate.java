package dev.callq.bench.maxrate;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A SIP search's answer in the words of RFC 7501 and RFC 7502 (docs/sip-metrics.md): the Session Establishment
 * Rate is the highest Session Attempt Rate at which every attempted session is established, read from the
 * search's probes. It can sit above callq's own max sustainable rate, whose rule also asks the queue to keep
 * up ({@link SustainedRateRule}).
 *
 * @param sessionsPerSec       the highest stepped rate up to which every probe established every session it
 *                             attempted; null when the first rate already failed one
 * @param belowLimit           true when every rate stepped established every session: the rate is a lower
 *                             bound, the limit lies above what was stepped
 * @param attemptRates         each Session Attempt Rate probed, in increasing order, with what it established
 * @param establishmentThresholdTime what made an attempt count as failed, in words: callq sets no threshold
 *                             of its own
 * @param method               how the rates were stepped, and where that departs from RFC 7502
 */
public record SessionEstablishmentRate(Long sessionsPerSec, boolean belowLimit, List<AttemptRate> attemptRates,
                                       String establishmentThresholdTime, String method) {
    static final String THRESHOLD = "none set by callq: an attempt counts as failed when its INVITE gets a final "
            + "answer other than 200, or none before SIPp gives up (its INVITE retransmissions exhausted) or the probe "
            + "ends (at most 45 s after its last INVITE)";

    /**
     * @param sessionsPerSec      the Session Attempt Rate
     * @param probes              how many probes ran at it
     * @param attempted           INVITEs sent over those probes
     * @param established         of those, answered 200
     * @param runsFailed          probes whose run failed and so counted nothing: never a rate that established all
     */
    public record AttemptRate(long sessionsPerSec, int probes, long attempted, long established, int runsFailed) {
        boolean everyOneEstablished() {
            return runsFailed == 0 && attempted > 0 && established == attempted;
        }

        /** "200 (1,000/1,000)": the rate, and its established over attempted sessions. */
        String describe() {
            return String.format(Locale.ROOT, "%d (%,d/%,d%s)", sessionsPerSec, established, attempted,
                    runsFailed == 0 ? "" : ", " + runsFailed + " run" + (runsFailed == 1 ? "" : "s") + " failed");
        }

        AttemptRate plus(AttemptRate other) {
            return new AttemptRate(sessionsPerSec, probes + other.probes, attempted + other.attempted,
                    established + other.established, runsFailed + other.runsFailed);
        }
    }

    /** The Session Establishment Rate of a SIP search's probes; null when none ran. */
    static SessionEstablishmentRate of(List<ForkedRateProbe.Evidence> probes, double durationSeconds) {
        Map<Long, AttemptRate> byRate = new TreeMap<>();
        for (ForkedRateProbe.Evidence probe : probes) {
            boolean counted = probe.sessionsAttempted() != null && probe.sessionsEstablished() != null;
            AttemptRate rate = counted
                    ? new AttemptRate(probe.ratePerSec(), 1, probe.sessionsAttempted(), probe.sessionsEstablished(), 0)
                    : new AttemptRate(probe.ratePerSec(), 1, 0, 0, 1);
            byRate.merge(probe.ratePerSec(), rate, AttemptRate::plus);
        }
        if (byRate.isEmpty()) {
            return null;
        }
        Long highest = null;
        boolean everyRateEstablished = true;
        for (AttemptRate rate : byRate.values()) {
            if (!rate.everyOneEstablished()) {
                everyRateEstablished = false;
                break;
            }
            highest = rate.sessionsPerSec();
        }
        String method = String.format(Locale.ROOT, "RFC 7502 steps the Session Attempt Rate and keeps the highest "
                + "rate at which every attempt is established; callq's search stepped it (grow, bisect, confirm), "
                + "each step %.1f s measured after a warm-up, and this is the highest rate up to which every probe "
                + "established every session. callq's own answer also asks the queue to keep up (SLO, backlog)",
                durationSeconds);
        return new SessionEstablishmentRate(highest, everyRateEstablished, List.copyOf(byRate.values()), THRESHOLD, method);
    }

    /** The lines {@code callq max-rate --load sip} prints. */
    public List<String> lines() {
        return List.of(
                "Session Establishment Rate (RFC 7501): " + (sessionsPerSec == null
                        ? "none: the lowest Session Attempt Rate probed already failed to establish a session"
                        : sessionsPerSec + " sessions/s" + (belowLimit
                        ? " or more (every rate stepped established every session: the limit lies above)" : "")),
                "  Session Attempt Rates stepped (sessions/s, established/attempted): " + String.join(", ",
                        attemptRates.stream().map(AttemptRate::describe).toList()),
                "  Establishment Threshold Time: " + establishmentThresholdTime,
                "  method: " + method);
    }
}
