package dev.callq.bench.sip;

/** What Kamailio pushes into the Redis list. */
public enum PayloadFormat {
    /** {@code {"callId":..,"kind":"INVITE"|"BYE","enqueuedAt":"sec.usec"}} on each initial INVITE and each BYE. */
    JSON,
    /** The seed system's payload: the bare Call-ID, on the initial INVITE only (one event per call). */
    CALLID;

    /** Events Kamailio enqueues for one successful call. */
    public int eventsPerCall() {
        return this == JSON ? 2 : 1;
    }
}
