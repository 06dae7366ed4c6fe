package dev.callq.bench.history;

import dev.callq.bench.compare.CellKey;
import dev.callq.bench.compare.MachineRecord;
import dev.callq.bench.result.ClientResult;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One cell of one CI run, as a line of the cell's history file: which commit, when, on what machine, and the
 * cell's figures over all its repeats (latency percentiles read from the repeats' interval logs added up, never
 * averaged; throughput and CPU the median repeat's; events summed).
 *
 * @param schema        {@link #SCHEMA}; a line of another schema is refused
 * @param commit        the commit measured
 * @param time          when the run was recorded, ISO-8601 UTC
 * @param serviceTime   the cell's simulated work (not part of the cell's key: slower work is a regression to see)
 * @param repeats       how many repeats the figures cover
 * @param metrics       {@link HistoryMetric#key()} → value; a figure the run could not give is left out
 * @param events        the accounting of every event, summed over the repeats
 * @param untrustworthy why the run's numbers cannot be trusted ({@code result.RunVerdict}); null when they can.
 *                      Such a run is kept and shown, and left out of the change-point analysis
 */
public record HistoryEntry(int schema, String commit, String time, MachineRecord machine, CellKey cell,
                           String serviceTime, int repeats, Map<String, Double> metrics, ClientResult.Events events,
                           String untrustworthy) {
    public static final int SCHEMA = 1;

    public HistoryEntry {
        metrics = metrics == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** The figure, or NaN when this run has none. */
    public double value(HistoryMetric metric) {
        Double value = metrics.get(metric.key());
        return value == null ? Double.NaN : value;
    }

    /** The commit as the reports show it. */
    public String shortCommit() {
        return commit.length() > 12 ? commit.substring(0, 12) : commit;
    }
}
