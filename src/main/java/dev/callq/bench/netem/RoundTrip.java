package dev.callq.bench.netem;

import dev.callq.bench.DurationText;

import java.time.Duration;

/**
 * A round trip added to the links to Redis, and how much it varies: how {@code --redis-rtt} and the
 * {@code redis-latency} fault spell it, {@code TIME} or {@code TIME~JITTER} ({@code 0.5ms}, {@code 2ms~1ms},
 * each {@link DurationText}). The proxy holds each chunk for half the round trip each way, drawn within
 * ± half the jitter, so a round trip lies within rtt ± jitter. The jitter is at most the round trip,
 * since a delay is never negative.
 *
 * @param rtt     the added round trip
 * @param jitter  how far a round trip may be drawn from {@code rtt}, either way; zero for a fixed one
 */
public record RoundTrip(Duration rtt, Duration jitter) {
    public static final RoundTrip NONE = new RoundTrip(Duration.ZERO, Duration.ZERO);
    public static final String FORM = "TIME or TIME~JITTER, such as 0.5ms~0.2ms (units us, ms or s)";

    /** @throws IllegalArgumentException when the jitter exceeds the round trip, or either is negative */
    public RoundTrip {
        if (rtt.isNegative() || jitter.isNegative()) {
            throw new IllegalArgumentException("round trip and jitter must not be negative, not " + text(rtt, jitter));
        }
        if (jitter.compareTo(rtt) > 0) {
            throw new IllegalArgumentException("jitter must not exceed its round trip (a delay is never negative), not "
                    + text(rtt, jitter));
        }
    }

    /**
     * Reads {@code TIME[~JITTER]} for {@code name}, the option or fault that takes it.
     *
     * @throws IllegalArgumentException with a one-line message starting with {@code name}
     */
    public static RoundTrip parse(String text, String name) {
        String[] parts = (text == null ? "" : text.strip()).split("~", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException(name + ": '" + text + "' is not " + FORM);
        }
        try {
            Duration rtt = Duration.ofNanos(DurationText.parseNanos(parts[0]));
            Duration jitter = parts.length == 2 ? Duration.ofNanos(DurationText.parseNanos(parts[1])) : Duration.ZERO;
            return checked(rtt, jitter, name);
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith(name) ? e : new IllegalArgumentException(name + ": " + e.getMessage());
        }
    }

    /** The round trip, its rule checked for {@code name}: a one-line error such as "--redis-rtt's jitter must not exceed…". */
    public static RoundTrip checked(Duration rtt, Duration jitter, String name) {
        try {
            return new RoundTrip(rtt, jitter);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + "'s " + e.getMessage());
        }
    }

    /** The delay added each way: half the round trip. */
    public Duration oneWay() {
        return rtt.dividedBy(2);
    }

    /** How far each one-way delay is drawn from {@link #oneWay}: half the round trip's jitter. */
    public Duration oneWayJitter() {
        return jitter.dividedBy(2);
    }

    /** As {@link #parse} reads it: {@code 500us}, {@code 2ms~1ms}. */
    @Override
    public String toString() {
        return text(rtt, jitter);
    }

    /** How a round trip and its jitter are spelled, whether or not they make a valid round trip. */
    public static String text(Duration rtt, Duration jitter) {
        return DurationText.format(rtt.toNanos()) + (jitter.isZero() ? "" : "~" + DurationText.format(jitter.toNanos()));
    }
}
