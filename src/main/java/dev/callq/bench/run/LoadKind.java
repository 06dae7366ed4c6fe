package dev.callq.bench.run;

/** Where the events come from. */
public enum LoadKind {
    /** SIPp calls through Kamailio, which pushes one event per INVITE and BYE. */
    SIP,
    /** The open-loop synthetic producer pushing straight into Redis: isolates the queue from SIP. */
    SYNTHETIC
}
