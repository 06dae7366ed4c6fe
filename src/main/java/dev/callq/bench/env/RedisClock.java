package dev.callq.bench.env;

import dev.callq.bench.measure.ClockOffset;
import dev.callq.bench.measure.WallClock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Redis server's clock ({@code TIME}) as the one reference all shards of a run agree on: every
 * shard measures its own clock's offset to it, and the barrier's start instant is a reading of it.
 */
public final class RedisClock {
    /** Round trips per estimate: enough for one of them to miss a scheduler hiccup on a busy host. */
    public static final int ROUND_TRIPS = 32;
    /** Between round trips, so that they sample a tenth of a second rather than one busy instant. */
    private static final long PAUSE_NANOS = 3_000_000;

    private RedisClock() {
    }

    /** The server's clock in epoch microseconds, as {@code TIME} gives it. */
    public static long timeMicros(RespConnection redis) {
        List<?> reply = (List<?>) redis.call("TIME");
        return Long.parseLong((String) reply.get(0)) * 1_000_000L + Long.parseLong((String) reply.get(1));
    }

    /** This host's raw clock's offset to the server's, from the least disturbed of several round trips. */
    public static ClockOffset offset(RedisEndpoint endpoint) {
        try (RespConnection redis = RespConnection.login(endpoint, Duration.ofSeconds(5))) {
            timeMicros(redis); // the first round trip pays for class loading and the TCP window
            List<ClockOffset.RoundTrip> roundTrips = new ArrayList<>(ROUND_TRIPS);
            for (int i = 0; i < ROUND_TRIPS; i++) {
                long sentMicros = WallClock.rawMicros();
                long referenceMicros = timeMicros(redis);
                long receivedMicros = WallClock.rawMicros();
                roundTrips.add(new ClockOffset.RoundTrip(sentMicros, referenceMicros, receivedMicros));
                java.util.concurrent.locks.LockSupport.parkNanos(PAUSE_NANOS);
            }
            return ClockOffset.estimate(roundTrips);
        }
    }
}
