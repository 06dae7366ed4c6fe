package dev.callq.bench.event;

/**
 * One event taken off the queue.
 *
 * @param callId            the SIP Call-ID (or the synthetic producer's sequence id)
 * @param kind              INVITE or BYE; UNKNOWN for bare Call-ID payloads
 * @param enqueuedAtMicros  wall-clock enqueue stamp in epoch microseconds, or {@link #NO_STAMP} when the
 *                          payload carries none (bare Call-ID: the stamp comes from SIPp's send log)
 */
public record CallEvent(String callId, EventKind kind, long enqueuedAtMicros) {
    public static final long NO_STAMP = Long.MIN_VALUE;

    /** Events of warm-up phases carry this Call-ID prefix; they are consumed but never measured. */
    public static final String WARMUP_PREFIX = "warmup-";

    public boolean hasStamp() {
        return enqueuedAtMicros != NO_STAMP;
    }

    public boolean isWarmup() {
        return callId.startsWith(WARMUP_PREFIX);
    }

    /** Identity for duplicate detection: a call has at most one INVITE event and one BYE event. */
    public String uniqueKey() {
        return callId + '\u0000' + kind.name();
    }
}
