package dev.callq.bench.run;

import dev.callq.bench.result.Timeseries;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Follows the per-second time series a forked run writes ({@code <client>-timeseries.csv}) and hands
 * each new second to a {@link ProgressListener}, so a sweep shows the live rate, p99 and backlog of the
 * cell it is running although the cell runs in another JVM.
 */
final class TimeseriesFollower implements AutoCloseable {
    private final Path dir;
    private final ProgressListener progress;
    private final long expectedSeconds;
    private final Thread thread;
    private volatile boolean running = true;
    private int rowsSeen;
    private boolean started;

    TimeseriesFollower(Path dir, ProgressListener progress, long expectedSeconds) {
        this.dir = dir;
        this.progress = progress;
        this.expectedSeconds = expectedSeconds;
        this.thread = new Thread(this::follow, "timeseries-follower");
        thread.setDaemon(true);
        thread.start();
    }

    private void follow() {
        while (running) {
            try {
                Thread.sleep(1_000);
                poll();
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                // progress is a courtesy: a file being written or rotated is read again next second
            }
        }
    }

    private void poll() throws IOException {
        Path file;
        try (Stream<Path> files = Files.list(dir)) {
            file = files.filter(p -> p.getFileName().toString().endsWith(Timeseries.SUFFIX)).findFirst().orElse(null);
        }
        if (file == null) {
            return;
        }
        if (!started) {
            String client = file.getFileName().toString().replace(Timeseries.SUFFIX, "");
            progress.phaseStarted(client, "measure", expectedSeconds);
            started = true;
        }
        List<Timeseries.Second> rows = Timeseries.readCompleteRows(file);
        for (int i = rowsSeen; i < rows.size(); i++) {
            Timeseries.Second row = rows.get(i);
            progress.second(i + 1, row.consumedPerSec(), row.backlog(), row.p99EnqueueToDequeueMicros());
        }
        rowsSeen = Math.max(rowsSeen, rows.size());
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (started) {
            progress.phaseEnded();
        }
    }
}
