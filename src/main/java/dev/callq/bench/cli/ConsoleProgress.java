package dev.callq.bench.cli;

import dev.callq.bench.run.ProgressListener;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Shows a measured phase as it runs: on a terminal, a progress bar with ETA and the last second's
 * rate, p99 and backlog; otherwise (CI logs, pipes) a plain line every {@link #PLAIN_EVERY_SECONDS} s.
 */
final class ConsoleProgress implements ProgressListener {
    private static final int PLAIN_EVERY_SECONDS = 5;

    private final boolean terminal;
    private final PrintStream out;
    private ProgressBar bar;
    private String client;
    private long expectedSeconds;

    ConsoleProgress(PrintStream out) {
        this.out = out;
        this.terminal = System.console() != null;
    }

    @Override
    public synchronized void phaseStarted(String client, String phase, long expectedSeconds) {
        this.client = client;
        this.expectedSeconds = expectedSeconds;
        if (terminal) {
            bar = new ProgressBarBuilder().setTaskName(client + " " + phase).setInitialMax(expectedSeconds)
                    .setUnit(" s", 1).setStyle(ProgressBarStyle.ASCII).setConsumer(
                            new me.tongfei.progressbar.ConsoleProgressBarConsumer(out)).build();
        }
    }

    @Override
    public synchronized void second(long elapsedSeconds, double consumedPerSec, long backlog, long p99Micros) {
        String figures = String.format(Locale.ROOT, "%.0f events/s, p99 %s, backlog %d", consumedPerSec,
                millis(p99Micros), backlog);
        if (bar != null) {
            bar.stepTo(Math.min(elapsedSeconds, expectedSeconds));
            bar.setExtraMessage(" " + figures);
        } else if (!terminal && elapsedSeconds % PLAIN_EVERY_SECONDS == 0 && elapsedSeconds > 0
                && elapsedSeconds <= expectedSeconds) {
            // Samples go on through the drain; the log says "load done, draining" for those.
            out.printf(Locale.ROOT, "%s: %d/%d s, %s%n", client, elapsedSeconds, expectedSeconds, figures);
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

    private static String millis(long micros) {
        return String.format(Locale.ROOT, "%.1f ms", micros / 1000.0);
    }
}
