package dev.callq.bench.sip;

import dev.callq.bench.event.PayloadFormat;

import java.util.Locale;

/** Which SIP requests Kamailio's script pushes an event for: the accounting expects exactly these. */
public enum EnqueuedEvents {
    /** The initial INVITE only, as the classic {@code RPUSH calls $ci} route does. */
    INVITE,
    /** The initial INVITE and the BYE. */
    INVITE_BYE;

    /** What the bundled script pushes for a payload when {@code --events} is not given. */
    public static EnqueuedEvents defaultFor(PayloadFormat payload) {
        return payload == PayloadFormat.CALLID ? INVITE : INVITE_BYE;
    }

    /** {@code invite} or {@code invite,bye}, as {@code --events} takes them. */
    public static EnqueuedEvents parse(String text) {
        for (EnqueuedEvents events : values()) {
            if (events.cliName().equals(text.toLowerCase(Locale.ROOT).replace(" ", ""))) {
                return events;
            }
        }
        throw new IllegalArgumentException("--events must be invite or invite,bye, not '" + text + "'");
    }

    /** A bare Call-ID carries no kind: its BYE would look like a second INVITE. */
    public void requireCarriedBy(PayloadFormat payload) {
        if (payload == PayloadFormat.CALLID && includesBye()) {
            throw new IllegalArgumentException("--payload callid cannot tell a BYE from an INVITE: use --events invite "
                    + "or --payload json");
        }
    }

    public String cliName() {
        return this == INVITE ? "invite" : "invite,bye";
    }

    /** Events each completed call pushes: the INVITE's, and the BYE's when it is included. */
    public int perCall() {
        return includesBye() ? 2 : 1;
    }

    public boolean includesBye() {
        return this == INVITE_BYE;
    }
}
