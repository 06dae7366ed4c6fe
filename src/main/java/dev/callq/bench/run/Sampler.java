package dev.callq.bench.run;

import dev.callq.bench.driver.QueueAdmin;
import dev.callq.bench.driver.QueueSpec;
import dev.callq.bench.measure.EventLedger;
import dev.callq.bench.measure.IntervalLog;
import dev.callq.bench.measure.LatencyRecorder;
import dev.callq.bench.measure.Metric;
import dev.callq.bench.measure.Recorders;
import dev.callq.bench.measure.WallClock;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Once a second: writes each recorder's interval to the interval log, and appends a time-series row
 * with the events consumed in that second, the backlog (LLEN), and the interval's p99. Its timestamps are
 * {@link WallClock}'s, the Redis clock in a shard of a run spread over several hosts.
 */
final class Sampler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Sampler.class);

    private final Recorders recorders;
    private final IntervalLog intervalLog;
    private final EventLedger ledger;
    private final QueueAdmin admin;
    private final QueueSpec spec;
    private final Timeseries.Writer timeseries;
    private final ScheduledExecutorService timer;
    private long intervalStartMillis;
    private long consumedBefore;
    private long maxBacklog;
    private final ProgressListener progress;
    private final long startMillis;

    Sampler(String label, Recorders recorders, IntervalLog intervalLog, EventLedger ledger, QueueAdmin admin,
            QueueSpec spec, Path timeseriesCsv, ProgressListener progress) throws IOException {
        this.progress = progress;
        this.recorders = recorders;
        this.intervalLog = intervalLog;
        this.ledger = ledger;
        this.admin = admin;
        this.spec = spec;
        this.timeseries = new Timeseries.Writer(timeseriesCsv);
        this.intervalStartMillis = WallClock.nowMicros() / 1_000;
        this.startMillis = intervalStartMillis;
        this.consumedBefore = ledger.totalTaken();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, label + "-sampler");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(this::sampleSafely, 1, 1, TimeUnit.SECONDS);
    }

    private void sampleSafely() {
        try {
            sample();
        } catch (RuntimeException e) {
            log.warn("sampling failed: {}", e.toString());
        }
    }

    private synchronized void sample() {
        long nowMillis = WallClock.nowMicros() / 1_000;
        long p99 = 0;
        for (LatencyRecorder recorder : recorders.all()) {
            Histogram interval = recorder.takeInterval();
            if (interval.getTotalCount() > 0) {
                intervalLog.write(recorder.metric(), interval, intervalStartMillis, nowMillis);
                if (recorder.metric() == Metric.ENQUEUE_TO_DEQUEUE) {
                    p99 = interval.getValueAtPercentile(99);
                }
            }
            recorder.recycle(interval);
        }
        long consumed = ledger.totalTaken();
        long backlog = admin.backlog(spec);
        maxBacklog = Math.max(maxBacklog, backlog);
        double seconds = Math.max(1e-3, (nowMillis - intervalStartMillis) / 1000.0);
        double consumedPerSec = (consumed - consumedBefore) / seconds;
        // The closing sample often covers a sliver of a second with nothing in it: no row for that.
        if (seconds >= 0.5 || consumed > consumedBefore) {
            timeseries.append(new Timeseries.Second(nowMillis / 1000, consumedPerSec, backlog, p99));
            progress.second((nowMillis - startMillis) / 1000, consumedPerSec, backlog, p99);
        }
        consumedBefore = consumed;
        intervalStartMillis = nowMillis;
    }

    long maxBacklog() {
        return maxBacklog;
    }

    /** Takes a last sample, so that nothing recorded is left out of the interval log. */
    @Override
    public void close() {
        timer.shutdown();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sampleSafely();
        timeseries.close();
    }
}
