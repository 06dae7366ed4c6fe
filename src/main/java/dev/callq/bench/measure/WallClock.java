package dev.callq.bench.measure;

import java.time.Instant;

/**
 * The clock every latency is read from. Enqueue stamps come from Kamailio's {@code $TV(Sn)} or from the
 * synthetic producer on the same host, so dequeue times must come from the same wall clock, at
 * microsecond resolution ({@link Instant#now()} reads {@code clock_gettime(CLOCK_REALTIME)} on Linux).
 */
public final class WallClock {
    private WallClock() {
    }

    public static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000L;
    }
}
