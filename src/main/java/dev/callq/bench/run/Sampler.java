package dev.callq.bench.run;

import dev.callq.bench.driver.QueueAdmin;
import dev.callq.bench.driver.QueueSpec;
import dev.callq.bench.measure.EventLedger;
import dev.callq.bench.measure.IntervalLog;
import dev.callq.bench.measure.LatencyRecorder;
import dev.callq.bench.measure.Metric;
import dev.callq.bench.measure.Recorders;
import dev.callq.bench.measure.WallClock;
import dev.callq.bench.result.Timeseries;
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
public final class Sampler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Sampler.class);

    private final Recorders recorders;
    private final IntervalLog intervalLog;
    private final EventLedger ledger;
    private final QueueAdmin admin;
    private final QueueSpec spec;
    private final Timeseries.Writer timeseries;
    private final ScheduledExecutorService timer;
    private final String label;
    /** Where the interval log's next interval starts. */
    private long intervalStartMillis;
    /** Where the time series' next row starts: its last row, which may be more than a second ago. */
    private long rowStartMillis;
    private long backlogUnknownMillis;
    private boolean closing;
    private boolean unreadLogged;
    private static final long PERIOD_MILLIS = 1_000;
    /** Reads further apart than this leave the time between them, less one period, unseen. */
    private static final long UNSEEN_AFTER_MILLIS = 2 * PERIOD_MILLIS;
    /** Set once the closing sample is taken: a late periodic one records nothing more. */
    private boolean closed;
    private long consumedBefore;
    private long maxBacklog;
    private final ProgressListener progress;
    private final long startMillis;

    public Sampler(String label, Recorders recorders, IntervalLog intervalLog, EventLedger ledger, QueueAdmin admin,
            QueueSpec spec, Path timeseriesCsv, ProgressListener progress) throws IOException {
        this.progress = progress;
        this.recorders = recorders;
        this.intervalLog = intervalLog;
        this.ledger = ledger;
        this.admin = admin;
        this.spec = spec;
        this.timeseries = new Timeseries.Writer(timeseriesCsv);
        this.label = label;
        this.intervalStartMillis = WallClock.nowMicros() / 1_000;
        this.rowStartMillis = intervalStartMillis;
        this.startMillis = intervalStartMillis;
        this.consumedBefore = ledger.totalTaken();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, label + "-sampler");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(this::sampleSafely, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void sampleSafely() {
        try {
            sample(true);
        } catch (RuntimeException e) {
            // A timer task that throws is never run again: log it and go on sampling.
            log.warn("sampling failed: {}", e.toString());
        }
    }

    /**
     * One sample. The recorders' intervals always go to the interval log; the time-series row needs the
     * backlog, and a second whose backlog could not be read (Redis not answering) gets no row: the next row
     * averages the consumed rate over the gap, and the gap's length is counted as unknown backlog, never as 0.
     */
    private void sample(boolean readBacklog) {
        // The backlog is read outside the lock: a read waiting on a silent Redis must not hold up the closing
        // sample, which then reads no backlog.
        long backlog = -1;
        RuntimeException unread = null;
        try {
            if (readBacklog) {
                backlog = admin.backlog(spec);
            }
        } catch (RuntimeException e) {
            unread = e;
        }
        record(backlog, unread);
    }

    /** Records one sample; {@code backlog} is -1 when it was not read, {@code unread} saying why if it failed. */
    private synchronized void record(long backlog, RuntimeException unread) {
        if (closed) {
            return; // a periodic sample that outlasted the closing one
        }
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
        intervalStartMillis = nowMillis;
        if (backlog < 0) {
            if (!unreadLogged && unread != null) {
                unreadLogged = true;
                log.warn("{}: the backlog cannot be read ({}); the time it cannot be is counted as unknown",
                        label, unread.toString());
            }
            if (unread == null) {
                // the closing sample, Redis not asked: nothing since the last read was seen
                backlogUnknownMillis += nowMillis - rowStartMillis;
            }
            return;
        }
        // A read long after the last one (Redis silent, its reply late, or reads failing) saw nothing between.
        long sinceLastReadMillis = nowMillis - rowStartMillis;
        if (sinceLastReadMillis > UNSEEN_AFTER_MILLIS) {
            backlogUnknownMillis += sinceLastReadMillis - PERIOD_MILLIS;
        }
        maxBacklog = Math.max(maxBacklog, backlog);
        long consumed = ledger.totalTaken();
        double seconds = Math.max(1e-3, (nowMillis - rowStartMillis) / 1000.0);
        double consumedPerSec = (consumed - consumedBefore) / seconds;
        // The closing sample often covers a sliver of a second with nothing in it: no row for that.
        if (seconds >= 0.5 || consumed > consumedBefore) {
            timeseries.append(new Timeseries.Second(nowMillis / 1000, consumedPerSec, backlog, p99));
            progress.second((nowMillis - startMillis) / 1000, consumedPerSec, backlog, p99);
        }
        consumedBefore = consumed;
        rowStartMillis = nowMillis;
    }

    /**
     * How long the backlog could not be read, in seconds; null when it was read every second. While it
     * is not null, {@link #maxBacklog} is the largest backlog of the seconds that were seen.
     */
    Double backlogUnknownSeconds() {
        return backlogUnknownMillis == 0 ? null : Math.round(backlogUnknownMillis / 100.0) / 10.0;
    }

    public long maxBacklog() {
        return maxBacklog;
    }

    /** Takes a last sample, so that nothing recorded is left out of the interval log. */
    @Override
    public void close() {
        close(true);
    }

    /**
     * As {@link #close()}; without {@code askRedis} (Redis gone, or callq stopping) a sample under way is
     * interrupted and the last one reads no backlog, so that closing never waits on Redis.
     */
    public void close(boolean askRedis) {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        timer.shutdown();
        try {
            // Without Redis, a periodic sample still waiting on it is not waited for.
            timer.awaitTermination(askRedis ? 5_000 : 100, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            sample(askRedis);
        } finally {
            synchronized (this) {
                closed = true;
                timeseries.close();
            }
        }
    }
}
