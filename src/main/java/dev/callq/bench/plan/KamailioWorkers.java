package dev.callq.bench.plan;

import dev.callq.bench.queueing.PoolEstimate;
import dev.callq.bench.queueing.WaitModel;

import java.util.Locale;

/**
 * Kamailio's SIP worker processes for a push rate: {@code ndb_redis} is synchronous, so every
 * {@code redis_cmd} holds a worker for one Redis round trip. By Little's law λ × RTT workers are busy
 * pushing on average; the pool is sized, as the consumer pool is, with Erlang C on that holding time,
 * so that a push finds a free worker within one round trip at p99. This counts the pushes only: the
 * same processes also parse and relay every SIP message (INVITE, 180, 200, ACK, BYE and its 200), so it
 * is a floor, not the whole need.
 *
 * @param pushesPerSec      events pushed per second (one per INVITE and per BYE with the bundled script)
 * @param roundTripMicros   the Redis round trip, as the consumers measured it (the pop round trip)
 * @param busyOnAverage     λ × RTT, Little's law
 * @param workers           the smallest pool whose p99 wait for a free worker is at most one round trip
 * @param probabilityOfWaiting the fraction of pushes that find every worker busy at that pool
 */
public record KamailioWorkers(double pushesPerSec, double roundTripMicros, double busyOnAverage, int workers,
                              double probabilityOfWaiting) {
    private static final double PERCENTILE = 0.99;
    /** Below this a round trip is not measurable here; it stands in for a zero reading. */
    private static final double SMALLEST_ROUND_TRIP_MICROS = 1.0;

    public static KamailioWorkers of(double pushesPerSec, double roundTripMicros) {
        double roundTrip = Math.max(SMALLEST_ROUND_TRIP_MICROS, roundTripMicros);
        WaitModel model = WaitModel.exponential(pushesPerSec, roundTrip);
        PoolEstimate.Stable sized = model.size(PERCENTILE, roundTrip).recommended();
        return new KamailioWorkers(pushesPerSec, roundTrip, model.offeredLoadErlangs(), sized.workers(),
                sized.probabilityOfWaiting());
    }

    /** "Kamailio SIP workers  3 (--kamailio-children 3): …". */
    public String describe() {
        return String.format(Locale.ROOT, "%d (--kamailio-children %d): %.0f pushes/s × Redis round trip %.0f µs = "
                + "%.2f workers busy pushing on average (Little's law); %d keep the p99 wait for a free worker within "
                + "one round trip (P(wait) %.3f). Pushes only: the same processes relay every SIP message, so this "
                + "is a floor", workers, workers, pushesPerSec, roundTripMicros, busyOnAverage, workers,
                probabilityOfWaiting);
    }
}
