package dev.callq.bench.event;

/** What happened to the call. A bare Call-ID payload does not say, so its kind is {@link #UNKNOWN}. */
public enum EventKind {
    INVITE,
    BYE,
    UNKNOWN
}
