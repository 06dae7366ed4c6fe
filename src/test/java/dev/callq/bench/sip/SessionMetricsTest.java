package dev.callq.bench.sip;

import dev.callq.bench.measure.LatencySummary;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** RFC 6076's ratios from the answers SIPp logged (docs/sip-metrics.md). */
class SessionMetricsTest {
    /**
     * Two 500s (Kamailio's rewrite of the UAS's 503), a 486 and a 302 to INVITEs, and a 500 to a BYE; the first
     * two entries are from a real SIPp 3.6.1 run of uac.xml through Kamailio, the other three written alike.
     */
    private static final Path MIXED = Path.of("src/test/resources/sipp/uac-errors-mixed-answers.log");

    @Test
    void answersToInvitesAreCountedByCodeAndAnswersToByesLeftOut() {
        assertThat(CallAnswers.failureCodes(MIXED, "INVITE")).isEqualTo(Map.of(302, 1L, 486, 1L, 500, 2L));
        assertThat(CallAnswers.failureCodes(MIXED, null)).isEqualTo(Map.of(302, 1L, 486, 1L, 500, 3L));
    }

    @Test
    void ratiosFollowTheRfcsFormulas() {
        // 20 INVITEs: 15 answered 200 (14 of them completed), 2 × 500, 1 × 486, 1 × 302, 1 without a final answer.
        SessionMetrics metrics = SessionMetrics.of(20, 15, CallAnswers.failureCodes(MIXED, "INVITE"), 14, null);

        assertThat(metrics.invites3xx()).isEqualTo(1);
        // SER §4.6: 200s over the INVITEs not redirected.
        assertThat(metrics.serPercent()).isCloseTo(100.0 * 15 / 19, within(1e-9));
        // SEER §4.7: 200, 480, 486, 600 and 603 over the same.
        assertThat(metrics.invitesEffective()).isEqualTo(16);
        assertThat(metrics.seerPercent()).isCloseTo(100.0 * 16 / 19, within(1e-9));
        // ISA §4.8: 408, 500, 503 and 504 over every INVITE, redirected or not.
        assertThat(metrics.invitesIneffective()).isEqualTo(2);
        assertThat(metrics.isaPercent()).isCloseTo(10.0, within(1e-9));
        // SCR §4.9: completed sessions over every INVITE.
        assertThat(metrics.scrPercent()).isCloseTo(70.0, within(1e-9));
        assertThat(metrics.sddMicros()).isNull();
    }

    @Test
    void aRatioWithNothingToDivideByIsAbsentNotZero() {
        SessionMetrics allRedirected = SessionMetrics.of(3, 0, Map.of(302, 3L), 0,
                new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0, 0));

        assertThat(allRedirected.serPercent()).isNull();
        assertThat(allRedirected.seerPercent()).isNull();
        assertThat(allRedirected.isaPercent()).isZero();
        assertThat(SessionMetrics.of(0, 0, Map.of(), 0, null).scrPercent()).isNull();
    }
}
