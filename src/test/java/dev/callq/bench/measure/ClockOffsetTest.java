package dev.callq.bench.measure;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** NTP's clock filter: the round trip least disturbed by queueing decides, to within half of it. */
class ClockOffsetTest {
    @Test
    void theShortestRoundTripGivesTheOffsetAndHalfOfItTheUncertainty() {
        // The reference is 5,000 µs ahead. A slow round trip read it late in its trip (a reply held up).
        ClockOffset offset = ClockOffset.estimate(List.of(
                new ClockOffset.RoundTrip(1_000, 6_900, 2_000),
                new ClockOffset.RoundTrip(3_000, 8_040, 3_080),
                new ClockOffset.RoundTrip(4_000, 9_100, 4_400)));

        assertThat(offset.offsetMicros()).isEqualTo(5_000);
        assertThat(offset.uncertaintyMicros()).isEqualTo(41);
        assertThat(offset.roundTrips()).isEqualTo(3);
    }
}
