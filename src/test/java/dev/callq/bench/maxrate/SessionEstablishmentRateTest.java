package dev.callq.bench.maxrate;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 7501's Session Establishment Rate read from a SIP search's probes. */
class SessionEstablishmentRateTest {
    private static ForkedRateProbe.Evidence probe(int number, long rate, Long attempted, Long established) {
        return new ForkedRateProbe.Evidence(number, rate, "probes/" + number, attempted == null ? -1 : 0, true, "",
                null, null, null, null, null, null, attempted, established);
    }

    @Test
    void theHighestRateUpToWhichEveryAttemptWasEstablished() {
        // Grow 100 → 200 → 400 (one 503 at 400), bisect 283, confirm 283 twice, one of them losing a session.
        SessionEstablishmentRate rate = SessionEstablishmentRate.of(List.of(probe(1, 100, 500L, 500L),
                probe(2, 200, 1000L, 1000L), probe(3, 400, 2000L, 1999L), probe(4, 283, 1415L, 1415L),
                probe(5, 283, 1415L, 1414L)), 5);

        assertThat(rate.sessionsPerSec()).isEqualTo(200);
        assertThat(rate.belowLimit()).isFalse();
        assertThat(rate.attemptRates()).extracting(SessionEstablishmentRate.AttemptRate::sessionsPerSec)
                .containsExactly(100L, 200L, 283L, 400L);
        assertThat(rate.attemptRates().get(2).established()).isEqualTo(2829);
        assertThat(rate.lines().get(0)).isEqualTo("Session Establishment Rate (RFC 7501): 200 sessions/s");
        assertThat(rate.lines().get(1)).endsWith("100 (500/500), 200 (1,000/1,000), 283 (2,829/2,830), 400 (1,999/2,000)");
    }

    @Test
    void aRunThatFailedEstablishedNothingAndARateAboveEveryOneStepsIsALowerBound() {
        SessionEstablishmentRate failedRun = SessionEstablishmentRate.of(List.of(probe(1, 100, 500L, 500L),
                probe(2, 200, null, null)), 5);
        assertThat(failedRun.sessionsPerSec()).isEqualTo(100);
        assertThat(failedRun.attemptRates().get(1).runsFailed()).isEqualTo(1);

        SessionEstablishmentRate allPassed = SessionEstablishmentRate.of(List.of(probe(1, 100, 500L, 500L)), 5);
        assertThat(allPassed.belowLimit()).isTrue();
        assertThat(allPassed.lines().get(0)).startsWith("Session Establishment Rate (RFC 7501): 100 sessions/s or more");

        assertThat(SessionEstablishmentRate.of(List.of(probe(1, 100, 500L, 499L)), 5).sessionsPerSec()).isNull();
    }
}
