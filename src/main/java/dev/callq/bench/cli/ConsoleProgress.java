package dev.callq.bench.cli;

import dev.callq.bench.run.ProgressListener;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Shows a measured phase as it runs: on a terminal, a progress bar with ETA and the last second's
 * rate, p99 and backlog; otherwise (CI logs, pipes) a plain line every {@link #PLAIN_EVERY_SECONDS} s
 * with the mean rate and the worst per-second p99 since the previous line, so that throughput coming
 * in waves is not shown as the one second the line happens to fall on.
 */
final class ConsoleProgress implements ProgressListener {
    private static final int PLAIN_EVERY_SECONDS = 5;

    private final boolean terminal;
    private final PrintStream out;
    private ProgressBar bar;
    private String client;
    private long expectedSeconds;
    private double consumedSinceLine;
    private int secondsSinceLine;
    private long worstP99MicrosSinceLine;

    ConsoleProgress(PrintStream out) {
        this.out = out;
        this.terminal = System.console() != null;
    }

    @Override
    public synchronized void phaseStarted(String client, String phase, long expectedSeconds) {
        this.client = client;
        this.expectedSeconds = expectedSeconds;
        resetInterval();
        if (terminal) {
            bar = new ProgressBarBuilder().setTaskName(client + " " + phase).setInitialMax(expectedSeconds)
                    .setUnit(" s", 1).setStyle(ProgressBarStyle.ASCII).setConsumer(
                            new me.tongfei.progressbar.ConsoleProgressBarConsumer(out)).build();
        }
    }

    @Override
    public synchronized void second(long elapsedSeconds, double consumedPerSec, long backlog, long p99Micros) {
        if (bar != null) {
            bar.stepTo(Math.min(elapsedSeconds, expectedSeconds));
            bar.setExtraMessage(String.format(Locale.ROOT, " %.0f events/s, p99 %s, backlog %d", consumedPerSec,
                    p99(p99Micros), backlog));
            return;
        }
        consumedSinceLine += consumedPerSec;
        secondsSinceLine++;
        worstP99MicrosSinceLine = Math.max(worstP99MicrosSinceLine, p99Micros);
        if (!terminal && elapsedSeconds % PLAIN_EVERY_SECONDS == 0 && elapsedSeconds > 0
                && elapsedSeconds <= expectedSeconds) {
            // Samples go on through the drain; the log says "load done, draining" for those.
            out.printf(Locale.ROOT, "%s: %d/%d s, mean %.0f events/s, worst p99 %s, backlog %d%n", client,
                    elapsedSeconds, expectedSeconds, consumedSinceLine / secondsSinceLine,
                    p99(worstP99MicrosSinceLine), backlog);
            resetInterval();
        }
    }

    @Override
    public synchronized void phaseEnded() {
        if (bar != null) {
            bar.stepTo(expectedSeconds);
            bar.close();
            bar = null;
        }
    }

    private void resetInterval() {
        consumedSinceLine = 0;
        secondsSinceLine = 0;
        worstP99MicrosSinceLine = 0;
    }

    /**
     * A p99 of 0 is no sample yet, not a 0 ms latency: events without an enqueue stamp (--payload callid) get
     * their latency from SIPp's log after the run.
     */
    private static String p99(long micros) {
        return micros <= 0 ? "not measured yet" : String.format(Locale.ROOT, "%.1f ms", micros / 1000.0);
    }
}
