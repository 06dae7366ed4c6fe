package dev.callq.bench.result;

import org.apache.commons.math3.stat.regression.SimpleRegression;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The backlog (LLEN) of each second of the measured phase, read from a run's
 * {@code <client>-timeseries.csv}, with its least-squares slope. Rows after the measured phase (the
 * drain) are left out: there the backlog only falls.
 *
 * @param backlogPerSecond one value per whole measured second, in order
 */
public record BacklogTrend(List<Long> backlogPerSecond) {
    public BacklogTrend {
        backlogPerSecond = List.copyOf(backlogPerSecond);
    }

    /** Reads the first {@code measuredSeconds} rows (whole seconds, at least one) of the time series. */
    public static BacklogTrend read(Path timeseriesCsv, double measuredSeconds) {
        int rows = Math.max(1, (int) Math.floor(measuredSeconds));
        return new BacklogTrend(Timeseries.read(timeseriesCsv).stream().limit(rows).map(Timeseries.Second::backlog).toList());
    }

    /** Growth of the backlog in events per second (least squares); 0 with fewer than two seconds. */
    public double slopePerSec() {
        if (backlogPerSecond.size() < 2) {
            return 0;
        }
        SimpleRegression regression = new SimpleRegression();
        for (int second = 0; second < backlogPerSecond.size(); second++) {
            regression.addData(second, backlogPerSecond.get(second));
        }
        return regression.getSlope();
    }

    /**
     * This trend with its last second's backlog at most {@code leftAtEnd}: the sample is taken on the second, up
     * to a second before the phase ends, while what the drain took after it (and what it left) is exactly what
     * remained; a stall caught by the last sample and caught up before the end is not a backlog left behind.
     */
    public BacklogTrend endingAtMost(long leftAtEnd) {
        if (backlogPerSecond.isEmpty() || finalBacklog() <= leftAtEnd) {
            return this;
        }
        List<Long> bounded = new ArrayList<>(backlogPerSecond);
        bounded.set(bounded.size() - 1, leftAtEnd);
        return new BacklogTrend(bounded);
    }

    /** The backlog at the last measured second; 0 when the series is empty. */
    public long finalBacklog() {
        return backlogPerSecond.isEmpty() ? 0 : backlogPerSecond.get(backlogPerSecond.size() - 1);
    }
}
