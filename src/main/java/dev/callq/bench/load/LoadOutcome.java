package dev.callq.bench.load;

import java.util.Map;

/**
 * What the measured phase put into the queue.
 *
 * @param expectedEvents     events the consumers should take off the queue
 * @param startMicros        wall-clock start of the measured phase
 * @param endMicros          wall-clock end of the measured phase (last event sent)
 * @param calls              SIP call statistics, or null for synthetic load
 * @param producer           producer statistics, or null for SIP load
 * @param sentMicrosByCallId when each call's INVITE left SIPp, for payloads that carry no stamp; else empty
 */
public record LoadOutcome(long expectedEvents, long startMicros, long endMicros, CallStats calls,
                          ProducerStats producer, Map<String, Long> sentMicrosByCallId) {
}
