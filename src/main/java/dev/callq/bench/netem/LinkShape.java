package dev.callq.bench.netem;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How one direction of the simulated link treats bytes: a one-way delay, jitter around it, and a
 * bandwidth cap.
 *
 * @param oneWayNanos       added one-way delay
 * @param jitterNanos       each chunk's delay is drawn uniformly from oneWay ± jitter (never below 0)
 * @param bytesPerSecond    bandwidth of the direction, shared by all connections; 0 for no cap
 */
public record LinkShape(long oneWayNanos, long jitterNanos, long bytesPerSecond) {
    public static final LinkShape NONE = new LinkShape(0, 0, 0);

    public LinkShape {
        if (oneWayNanos < 0 || jitterNanos < 0 || bytesPerSecond < 0) {
            throw new IllegalArgumentException("latency, jitter and bandwidth must not be negative");
        }
    }

    public LinkShape withLatency(Duration oneWay, Duration jitter) {
        return new LinkShape(oneWay.toNanos(), jitter.toNanos(), bytesPerSecond);
    }

    public LinkShape withBandwidth(long bytesPerSecond) {
        return new LinkShape(oneWayNanos, jitterNanos, bytesPerSecond);
    }

    /** The delay of the next chunk. */
    long drawDelayNanos() {
        if (jitterNanos == 0) {
            return oneWayNanos;
        }
        long offset = ThreadLocalRandom.current().nextLong(-jitterNanos, jitterNanos + 1);
        return Math.max(0, oneWayNanos + offset);
    }

    /** Time the link needs to put {@code bytes} on the wire, 0 without a cap. */
    long transmitNanos(long bytes) {
        return bytesPerSecond == 0 ? 0 : (long) (bytes * 1e9 / bytesPerSecond);
    }

    /** As a person reads it: "+250 µs", "+2 ms ±0.5 ms, 1000000 B/s". */
    public String describe() {
        StringBuilder text = new StringBuilder("+" + micros(oneWayNanos));
        if (jitterNanos > 0) {
            text.append(" ±").append(micros(jitterNanos));
        }
        if (bytesPerSecond > 0) {
            text.append(", ").append(bytesPerSecond).append(" B/s");
        }
        return text.toString();
    }

    private static String micros(long nanos) {
        return nanos % 1_000_000 == 0 ? nanos / 1_000_000 + " ms" : nanos / 1_000 + " µs";
    }
}
