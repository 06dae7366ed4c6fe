package dev.callq.bench.measure;

import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where enqueue→dequeue goes, split at the moments the harness can see on one host clock:
 * <pre>
 *   event stamp ──producer──▶ push sent ──redis──▶ pop reply at the client's socket ──client──▶ worker holds it
 * </pre>
 * {@code producer} (stamp → push sent, the synthetic producer's lag) and {@code client} (reply's first
 * bytes read → handed to the worker) are measured per event. {@code redis} is derived per percentile:
 * p(stamp → reply) − p(producer); it holds the network both ways, Redis's work and any wait in the
 * queue. Percentiles do not add up, so the p50s of the parts sum to p(stamp → reply) + p(client), close
 * to but not exactly the total's p50. For SIP there is no producer part: Kamailio stamps the event just
 * before its RPUSH, so {@code redis} runs from that stamp. {@code pushRoundTrip} (push sent → Redis's
 * acknowledgement, measured) is given beside the stack, not in it: it puts the {@code redis} part in scale.
 */
public final class LatencySplit {
    public static final String PRODUCER = "producer";
    public static final String REDIS = "redis";
    public static final String CLIENT = "client";
    public static final String TOTAL = "total";
    public static final String PUSH_ROUND_TRIP = "pushRoundTrip";

    /** The parts that stack up to the total, in the order they happen. */
    public static final java.util.List<String> STACKED = java.util.List.of(PRODUCER, REDIS, CLIENT);

    /**
     * One part of the split.
     *
     * @param span  from which moment to which
     * @param basis {@code measured} (its own histogram) or {@code derived} (a difference of percentiles)
     * @param count events the part's percentiles rest on
     */
    public record Part(String span, String basis, long p50Micros, long p99Micros, long count) {
        public static final String MEASURED = "measured";
        public static final String DERIVED = "derived";
    }

    private LatencySplit() {
    }

    /**
     * The split of one client's measured phase, or null when no pop's reply was stamped (a client whose
     * sockets are not instrumented, or {@code CALLQ_LATENCY_SPLIT=off}).
     */
    public static Map<String, Part> of(Histogram producerLag, Histogram pushRoundTrip, Histogram stampToReply,
                                       Histogram clientShare, Histogram total) {
        if (clientShare.getTotalCount() == 0) {
            return null;
        }
        Map<String, Part> parts = new LinkedHashMap<>();
        boolean producer = producerLag.getTotalCount() > 0;
        if (producer) {
            parts.put(PRODUCER, measured("event stamp → push sent", producerLag));
        }
        parts.put(REDIS, new Part(producer ? "push sent → pop reply at the client's socket"
                : "Kamailio's stamp → pop reply at the client's socket", Part.DERIVED,
                difference(stampToReply, producerLag, 50), difference(stampToReply, producerLag, 99),
                stampToReply.getTotalCount()));
        parts.put(CLIENT, measured("pop reply at the client's socket → worker holds the event", clientShare));
        parts.put(TOTAL, measured("event stamp → worker holds the event (enqueueToDequeue)", total));
        if (pushRoundTrip.getTotalCount() > 0) {
            parts.put(PUSH_ROUND_TRIP, measured("push sent → Redis's acknowledgement (not stacked)", pushRoundTrip));
        }
        return parts;
    }

    private static Part measured(String span, Histogram histogram) {
        return new Part(span, Part.MEASURED, histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(99),
                histogram.getTotalCount());
    }

    /**
     * p(whole) − p(head). Every event's stamp → reply includes its own lag, so the difference is not negative
     * beyond HdrHistogram's precision; that rounding is shown as 0.
     */
    private static long difference(Histogram whole, Histogram head, double percentile) {
        long headMicros = head.getTotalCount() == 0 ? 0 : head.getValueAtPercentile(percentile);
        return Math.max(0, whole.getValueAtPercentile(percentile) - headMicros);
    }
}
