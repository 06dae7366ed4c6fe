package dev.callq.bench.measure;

import java.util.Comparator;
import java.util.List;

/**
 * How far a reference clock (the Redis server's {@code TIME}) is ahead of this host's clock, and how
 * sure that is. Estimated as NTP's clock filter does: of several round trips, keep the one with the
 * smallest round-trip time, the one least disturbed by queueing; the reference was read somewhere inside
 * that round trip, so the offset is exact to within half of it.
 *
 * @param offsetMicros      reference − local: add it to a local reading to get the reference clock
 * @param uncertaintyMicros half the round trip the estimate came from: the true offset lies within ± this
 * @param roundTrips        how many round trips were measured
 */
public record ClockOffset(long offsetMicros, long uncertaintyMicros, int roundTrips) {
    /** No correction: a run on one host reads one clock. */
    public static final ClockOffset NONE = new ClockOffset(0, 0, 0);

    /**
     * One round trip: local clock before sending, the reference's reading in its reply, local clock when
     * the reply arrived.
     */
    public record RoundTrip(long sentMicros, long referenceMicros, long receivedMicros) {
        long roundTripMicros() {
            return receivedMicros - sentMicros;
        }
    }

    /** The estimate from the round trip with the smallest round-trip time. */
    public static ClockOffset estimate(List<RoundTrip> roundTrips) {
        if (roundTrips.isEmpty()) {
            throw new IllegalArgumentException("a clock offset needs at least one round trip");
        }
        RoundTrip best = roundTrips.stream().min(Comparator.comparingLong(RoundTrip::roundTripMicros)).orElseThrow();
        long midpointMicros = best.sentMicros() + best.roundTripMicros() / 2;
        // One microsecond more: TIME reads whole microseconds.
        return new ClockOffset(best.referenceMicros() - midpointMicros, (best.roundTripMicros() + 1) / 2 + 1,
                roundTrips.size());
    }

    @Override
    public String toString() {
        return offsetMicros + " µs ± " + uncertaintyMicros + " µs";
    }
}
