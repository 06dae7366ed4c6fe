package dev.callq.bench;

/**
 * What {@code callq} tells the shell, in one place: the command line returns these, and a parent that
 * forks {@code callq run} (a sweep cell, a max-rate probe, a planner run) reads them back.
 */
public final class ExitCode {
    /** Finished, and its numbers can be trusted. */
    public static final int OK = 0;
    /** Anything unexpected: a bug, with its stack trace. */
    public static final int UNEXPECTED = 1;
    /** Bad input or environment: a one-line error, nothing run. */
    public static final int USAGE = 2;
    /** Finished, but its numbers are not trustworthy (see {@code run.RunVerdict}). */
    public static final int UNTRUSTWORTHY = 3;
    /** A regression gate failed. */
    public static final int REGRESSION = 4;
    /** Stopped midway (Ctrl-C, SIGTERM), as a shell reports a process ended by SIGINT. */
    public static final int INTERRUPTED = 130;

    private ExitCode() {
    }
}
