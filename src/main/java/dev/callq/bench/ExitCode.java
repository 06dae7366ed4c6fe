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
    /**
     * Finished, but its numbers are not trustworthy (see {@code result.RunVerdict}): events lost, duplicated or
     * malformed, the producer behind schedule, a part failed mid-run, a cross-check failed, the Kamailio
     * script broke its contract, or the load was NOT SUSTAINED. Not sustained shares this code rather than
     * taking one of its own: an open-loop run whose queue grew measured the queue's wait, not the pipeline at
     * that rate, so its latencies cannot be trusted as the figures asked for, exactly as a lost event's
     * accounting cannot. For {@code callq plan}, no pool can meet the objective at that rate, so the worker
     * count it printed is not a plan; for {@code callq max-rate}, no rate passed. README.md's "Exit codes" holds
     * the table of every command.
     */
    public static final int UNTRUSTWORTHY = 3;
    /**
     * A regression gate failed: a cell got worse beyond tolerance and noise, or its evidence was missing,
     * too thin or untrustworthy.
     */
    public static final int REGRESSION = 4;
    /** An absolute threshold ({@code --threshold 'p99<20ms,lost==0'}, {@code thresholds:}) was not met. */
    public static final int THRESHOLD = 5;
    /** Stopped midway (Ctrl-C, SIGTERM), as a shell reports a process ended by SIGINT. */
    public static final int INTERRUPTED = 130;

    private ExitCode() {
    }
}
