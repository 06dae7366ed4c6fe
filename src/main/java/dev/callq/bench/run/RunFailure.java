package dev.callq.bench.run;

import dev.callq.bench.env.ManagedProcess;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * How a run words what stopped it, in one line for summary.json's {@code failure}: a part's failure, or
 * callq's own stop (Ctrl-C, SIGTERM), which every phase names the same way whatever it was doing.
 */
public final class RunFailure {
    /** How the failure of a run that callq's stop ended begins. */
    static final String INTERRUPTED = "interrupted";

    private RunFailure() {
    }

    /** {@code interrupted (SIGINT or SIGTERM) at 12:00:01.123}. */
    static String interruptedNow() {
        return INTERRUPTED + " (SIGINT or SIGTERM) at " + clock(System.currentTimeMillis());
    }

    /**
     * "what: the failure's first line"; once callq is stopping, the stop instead: what the stop did to a
     * part (Redis gone, SIPp killed) is not a fault of the run.
     */
    public static String describe(RuntimeException e, String what) {
        if (ManagedProcess.shuttingDown()) {
            return interruptedNow();
        }
        return what + ": " + firstLine(e);
    }

    static String firstLine(RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message).strip();
    }

    /** Local time of day to the millisecond, as the log prints it. */
    static String clock(long epochMillis) {
        return LocalTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneId.systemDefault())
                .truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
