package dev.callq.bench.measure;

import java.time.Instant;

/**
 * The clock every latency is read from. Enqueue stamps come from Kamailio's {@code $TV(Sn)} or from the
 * synthetic producer on the same host, so dequeue times must come from the same wall clock, at
 * microsecond resolution ({@link Instant#now()} reads {@code clock_gettime(CLOCK_REALTIME)} on Linux).
 *
 * <p>A shard of a run spread over several hosts reads a reference clock instead: this host's clock
 * corrected by its measured offset to the Redis server's {@code TIME} ({@link ClockOffset}), so that a stamp
 * taken on one host and a dequeue time taken on another are readings of one clock. The correction is set
 * once, before any thread reads the clock, and is 0 for a run on one host.
 */
public final class WallClock {
    /** Test-only: added to every raw reading, to play a host whose clock is off. */
    private static volatile long injectedSkewMicros;
    /** Added to every reading: the host's offset to the reference clock, once measured. */
    private static volatile long correctionMicros;

    private WallClock() {
    }

    /** The reference clock: this host's clock plus its measured offset (0 unless a shard measured it). */
    public static long nowMicros() {
        return rawMicros() + correctionMicros;
    }

    /** This host's own clock, uncorrected (with the injected skew of a test, if any). */
    public static long rawMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000L + injectedSkewMicros;
    }

    /** Makes {@link #nowMicros} read the reference clock from now on. */
    public static void correctBy(ClockOffset offset) {
        correctionMicros = offset.offsetMicros();
    }

    /** Test-only: plays a host whose clock is {@code skewMicros} ahead (negative: behind) of the others. */
    public static void injectSkew(long skewMicros) {
        injectedSkewMicros = skewMicros;
    }
}
