package dev.callq.bench.sip;

import dev.callq.bench.measure.LatencySummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        SessionMetrics metrics = SessionMetrics.of(20, 15, CallAnswers.failureCodes(MIXED, "INVITE"), 14, null, null);

        assertThat(metrics.invites3xx()).isEqualTo(1);
        // SER §4.6: 200s over the INVITEs not redirected.
        assertThat(metrics.serPercent()).isCloseTo(100.0 * 15 / 19, within(1e-9));
        // SEER §4.7: 200, 480, 486, 600 and 603 over the same.
        assertThat(metrics.invitesEffective()).isEqualTo(16);
        assertThat(metrics.seerPercent()).isCloseTo(100.0 * 16 / 19, within(1e-9));
        // ISA §4.8: 408, 500, 503 and 504 over every INVITE, redirected or not; an INVITE without a final
        // answer timed out, a 408 to the UAC (RFC 3261 §8.1.3.1), and counts too.
        assertThat(metrics.invitesUnanswered()).isEqualTo(1);
        assertThat(metrics.invitesIneffective()).isEqualTo(3);
        assertThat(metrics.isaPercent()).isCloseTo(15.0, within(1e-9));
        // SCR §4.9: completed sessions over every INVITE.
        assertThat(metrics.scrPercent()).isCloseTo(70.0, within(1e-9));
        assertThat(metrics.sddMicros()).isNull();
    }

    @Test
    void aRatioWithNothingToDivideByIsAbsentNotZero() {
        SessionMetrics allRedirected = SessionMetrics.of(3, 0, Map.of(302, 3L), 0, null,
                new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0, 0));

        assertThat(allRedirected.serPercent()).isNull();
        assertThat(allRedirected.seerPercent()).isNull();
        assertThat(allRedirected.isaPercent()).isZero();
        assertThat(SessionMetrics.of(0, 0, Map.of(), 0, null, null).scrPercent()).isNull();
    }

    @Test
    void sessionRequestDelayEndsAtTheFirst180Or200OrAtTheFailureAnswer(@TempDir Path dir) throws Exception {
        Path sendLog = dir.resolve("invites.log");
        // INVITE lines, then answer lines as uac.xml's <log> actions write them; MIXED's time stamps end the
        // failed setups: call-2 (500 at …042.579238), call-3 (500 at …042.616185), call-7 (486 after a 180).
        Files.writeString(sendLog, String.join("\n",
                "call-1-6207@127.0.0.1 1796639042000000.000000",
                "call-2-6207@127.0.0.1 1796639042570000.000000",
                "call-3-6207@127.0.0.1 1796639042600000.000000",
                "call-1-6207@127.0.0.1 1796639042001500.000000 180",
                "call-1-6207@127.0.0.1 1796639042004000.000000 200",
                "call-7-6207@127.0.0.1 1796639042990000.000000",
                "call-7-6207@127.0.0.1 1796639042992500.000000 180",
                ""));

        SessionRequestDelay srd = SessionRequestDelay.read(sendLog, MIXED, false);

        // §4.3.1: INVITE → the first of 180 and 200: call-1's 180 after 1.5 ms, call-7's after 2.5 ms.
        assertThat(srd.successfulMicros().count()).isEqualTo(2);
        assertThat(srd.successfulMicros().max()).isBetween(2_499L, 2_501L);
        // §4.3.2: INVITE → failure answer, for calls with no 180 or 200 first: call-2 (9.238 ms) and call-3
        // (16.185 ms); call-7's 486 came after its 180, the 302 is no failure, the 500 to call-9's BYE is no setup.
        assertThat(srd.failedMicros().count()).isEqualTo(2);
        assertThat(srd.failedMicros().max()).isBetween(16_180L, 16_200L); // HdrHistogram: 3 digits
        assertThat(srd.failedMicros().p50()).isBetween(9_230L, 9_240L);
        // The INVITE lines still read as before.
        assertThat(SippSendLog.read(sendLog)).hasSize(4).containsEntry("call-1-6207@127.0.0.1", 1_796_639_042_000_000L);
    }

    @Test
    void shardsAddTheirCountsAndTheRatiosAreComputedAgain() {
        SessionMetrics a = SessionMetrics.of(20, 15, CallAnswers.failureCodes(MIXED, "INVITE"), 14, null,
                new LatencySummary(14, 1000, 1000, 2000, 2000, 2000, 2000, 1100, 0));
        SessionMetrics b = SessionMetrics.of(10, 10, Map.of(), 10, null, null);

        SessionMetrics sum = SessionMetrics.sum(List.of(a, b));

        assertThat(sum.invites()).isEqualTo(30);
        assertThat(sum.invitesIneffective()).isEqualTo(3);
        assertThat(sum.invitesUnanswered()).isEqualTo(1);
        assertThat(sum.serPercent()).isCloseTo(100.0 * 25 / 29, within(1e-9));
        assertThat(sum.isaPercent()).isCloseTo(10.0, within(1e-9));
        assertThat(sum.scrPercent()).isCloseTo(80.0, within(1e-9));
        // Percentiles cannot be added from summaries: the merged block has none.
        assertThat(sum.sddMicros()).isNull();
        assertThat(SessionMetrics.sum(java.util.Arrays.asList(a, null))).isNull();
    }
}
