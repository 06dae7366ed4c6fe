package dev.callq.bench.load;

import dev.callq.bench.measure.CrossCheck;
import dev.callq.bench.measure.ExpectedEvents;

import java.util.List;
import java.util.Map;

/**
 * What the measured phase put into the queue.
 *
 * @param expected           the events the consumers should take off the queue: which, or how many
 * @param startMicros        wall-clock start of the measured phase
 * @param endMicros          wall-clock end of the measured phase (last event sent)
 * @param calls              SIP call statistics, or null for synthetic load
 * @param producer           producer statistics, or null for SIP load
 * @param sentMicrosByCallId when each call's INVITE left SIPp, for payloads that carry no stamp; else empty
 * @param pushCommands       RPUSH/XADD commands that were acknowledged, for the check against Redis's
 *                           command statistics; null when not known
 * @param pushCommandsFailed push commands reported failed (each may or may not have reached Redis)
 * @param crossChecks        the load's own records checked against each other (SIPp against Kamailio)
 */
public record LoadOutcome(ExpectedEvents expected, long startMicros, long endMicros, CallStats calls,
                          ProducerStats producer, Map<String, Long> sentMicrosByCallId, Long pushCommands,
                          long pushCommandsFailed, List<CrossCheck> crossChecks) {
    public long expectedEvents() {
        return expected.count();
    }
}
