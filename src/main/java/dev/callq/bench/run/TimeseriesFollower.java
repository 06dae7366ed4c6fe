package dev.callq.bench.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
    private static final String SUFFIX = "-timeseries.csv";

    private final Path dir;
    private final ProgressListener progress;
    private final long expectedSeconds;
    private final Thread thread;
    private volatile boolean running = true;
    private int linesSeen;
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
            file = files.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).findFirst().orElse(null);
        }
        if (file == null) {
            return;
        }
        if (!started) {
            String client = file.getFileName().toString().replace(SUFFIX, "");
            progress.phaseStarted(client, "measure", expectedSeconds);
            started = true;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = Math.max(1, linesSeen); i < lines.size(); i++) {
            String[] fields = lines.get(i).split(",");
            if (fields.length == 4) {
                progress.second(i, Double.parseDouble(fields[1]), Long.parseLong(fields[2]),
                        Long.parseLong(fields[3].trim()));
            }
        }
        linesSeen = Math.max(linesSeen, lines.size());
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
