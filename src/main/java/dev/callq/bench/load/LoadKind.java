package dev.callq.bench.load;

import java.util.Arrays;
import java.util.Locale;

/** Where the events come from, with the rate and length a run of each kind has when none is given. */
public enum LoadKind {
    /** SIPp calls through Kamailio, which pushes one event per INVITE and BYE. */
    SIP(Defaults.SIP_RATE_PER_SEC),
    /** The open-loop synthetic producer pushing straight into Redis: isolates the queue from SIP. */
    SYNTHETIC(Defaults.SYNTHETIC_RATE_PER_SEC);

    /** The defaults as constants, so that option help text can name them too. */
    public static final class Defaults {
        /** Offered SIP calls per second. */
        public static final long SIP_RATE_PER_SEC = 100;
        /** Offered synthetic events per second. */
        public static final long SYNTHETIC_RATE_PER_SEC = 5000;
        /** Seconds of measured load, for either kind. */
        public static final double DURATION_SECONDS = 10;

        private Defaults() {
        }
    }

    private final long defaultRatePerSec;

    LoadKind(long defaultRatePerSec) {
        this.defaultRatePerSec = defaultRatePerSec;
    }

    /** Calls/s for SIP, events/s for synthetic: the rate when none is given. */
    public long defaultRatePerSec() {
        return defaultRatePerSec;
    }

    /** The default rate as {@code --rate} takes it. */
    public String defaultRate() {
        return Long.toString(defaultRatePerSec);
    }

    /** Seconds of measured load when neither a duration nor a number of calls is given. */
    public double defaultDurationSeconds() {
        return Defaults.DURATION_SECONDS;
    }

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
