package dev.callq.bench.load;

import java.util.Arrays;
import java.util.Locale;

/** Where the events come from; the rate and length a run of each kind has when none is given are in {@code options.RunDefaults}. */
public enum LoadKind {
    /** SIPp calls through Kamailio, which pushes one event per INVITE and BYE. */
    SIP,
    /** The open-loop synthetic producer pushing straight into Redis: isolates the queue from SIP. */
    SYNTHETIC;

    /** The name on the command line and in files: {@code sip}, {@code synthetic}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@code sip} or {@code synthetic}; {@code what} names the option or key in the one-line error. */
    public static LoadKind parse(String text, String what) {
        for (LoadKind kind : values()) {
            if (kind.cliName().equalsIgnoreCase(text)) {
                return kind;
            }
        }
        throw new IllegalArgumentException(what + " must be " + String.join(" or ",
                Arrays.stream(values()).map(LoadKind::cliName).toList()) + ", not '" + text + "'");
    }
}
