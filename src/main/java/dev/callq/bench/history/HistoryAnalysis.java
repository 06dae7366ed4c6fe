package dev.callq.bench.history;

import dev.callq.bench.compare.CellKey;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The change points of every cell's every metric over a history. A series holds the cell's trustworthy runs
 * that have the metric, in the order they were added; an untrustworthy run (events lost, producer behind) is
 * shown by the reports but never taken as evidence of a change.
 */
public final class HistoryAnalysis {
    /** Otava's default: a change point's p-value must be at most this. */
    public static final double DEFAULT_MAX_P = 0.001;
    /** The smallest change worth reporting, relative to the mean before it. */
    public static final double DEFAULT_MIN_CHANGE = 0.05;

    /** One metric of one cell: its runs, their values, and the changes found in them. */
    public record Series(CellKey cell, HistoryMetric metric, List<HistoryEntry> runs, double[] values,
                         List<ChangePoint> changePoints) {
        /** The run where a change point's new level begins. */
        public HistoryEntry runAt(ChangePoint point) {
            return runs.get(point.index());
        }
    }

    /** A change point, where it was found, and how much worse it made the metric (negative: better). */
    public record Finding(Series series, ChangePoint point) {
        public String commit() {
            return series.runAt(point).commit();
        }

        public double worseBy() {
            return series.metric().worseBy(point.change());
        }

        public boolean regression() {
            return worseBy() > 0;
        }
    }

    private final Map<CellKey, List<HistoryEntry>> history;
    private final double maxP;
    private final double minChange;
    private final List<Series> series = new ArrayList<>();

    private HistoryAnalysis(Map<CellKey, List<HistoryEntry>> history, double maxP, double minChange) {
        this.history = history;
        this.maxP = maxP;
        this.minChange = minChange;
        history.forEach((cell, runs) -> {
            for (HistoryMetric metric : HistoryMetric.values()) {
                List<HistoryEntry> usable = runs.stream()
                        .filter(r -> r.untrustworthy() == null && !Double.isNaN(r.value(metric))).toList();
                if (!usable.isEmpty()) {
                    double[] values = usable.stream().mapToDouble(r -> r.value(metric)).toArray();
                    series.add(new Series(cell, metric, usable, values, EDivisive.changePoints(values, maxP, minChange)));
                }
            }
        });
    }

    public static HistoryAnalysis of(Map<CellKey, List<HistoryEntry>> history, double maxP, double minChange) {
        if (!(maxP > 0 && maxP < 1)) {
            throw new IllegalArgumentException("--max-p " + maxP + " is not between 0 and 1");
        }
        if (!(minChange >= 0)) {
            throw new IllegalArgumentException("--min-change must be 0 % or more");
        }
        return new HistoryAnalysis(history, maxP, minChange);
    }

    public Map<CellKey, List<HistoryEntry>> history() {
        return history;
    }

    public double maxP() {
        return maxP;
    }

    public double minChange() {
        return minChange;
    }

    public List<Series> series() {
        return series;
    }

    /** Every change point of every series, cell by cell, metric by metric, in order. */
    public List<Finding> findings() {
        List<Finding> findings = new ArrayList<>();
        series.forEach(s -> s.changePoints().forEach(p -> findings.add(new Finding(s, p))));
        return findings;
    }

    /**
     * The regressions that {@code commit}'s run revealed: change points that make a metric worse, in the cells
     * whose newest run is {@code commit}'s, and that the history without that run did not show (at the same
     * commit). A change is named once {@link EDivisive#MIN_POINTS_A_SIDE} runs follow it, so the commit it names
     * is usually a little older than {@code commit}; the gate fails on the push that makes it certain, once.
     */
    public List<Finding> newRegressions(String commit) {
        List<Finding> found = new ArrayList<>();
        for (Map.Entry<CellKey, List<HistoryEntry>> cell : history.entrySet()) {
            List<HistoryEntry> runs = cell.getValue();
            if (!Objects.equals(runs.get(runs.size() - 1).commit(), commit)) {
                continue;
            }
            HistoryAnalysis before = new HistoryAnalysis(Map.of(cell.getKey(), runs.subList(0, runs.size() - 1)),
                    maxP, minChange);
            for (Finding now : new HistoryAnalysis(Map.of(cell.getKey(), runs), maxP, minChange).findings()) {
                boolean known = before.findings().stream().anyMatch(b -> b.series().metric() == now.series().metric()
                        && b.commit().equals(now.commit()));
                if (now.regression() && !known) {
                    found.add(now);
                }
            }
        }
        return found;
    }
}
