package dev.callq.bench.sweep;

import dev.callq.bench.driver.ClientChoice;
import dev.callq.bench.result.SustainedLoad;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The console summary of a sweep: one row per combination of the axes other than the client (only the
 * axes that vary get a column, workers always; with more than three clients, one row per client too), and
 * per client its throughput and p99 enqueue→dequeue,
 * and, when the cells recorded them, the JVM's CPU and allocation per 1,000 events and the latency split's p50s
 * stacked as producer+redis+client µs (without a producer, redis+client).
 * A value from a cell whose numbers are not trustworthy is marked {@code *}; the cells that did not sustain their
 * load are named under the table.
 */
public final class SweepTable {
    /** Up to this many clients get a column group each; more get a row each. */
    private static final int MAX_CLIENT_COLUMN_GROUPS = 3;

    private SweepTable() {
    }

    public static String render(SweepAxes axes, List<CellResult> cells) {
        List<String> header = new ArrayList<>();
        boolean patterns = axes.patterns().size() > 1;
        boolean rates = axes.rates().size() > 1;
        boolean serviceTimes = axes.serviceTimes().size() > 1;
        boolean repeats = axes.repeats() > 1;
        boolean faults = axes.faults().size() > 1;
        if (patterns) {
            header.add("pattern");
        }
        header.add("workers");
        if (rates) {
            header.add("rate");
        }
        if (serviceTimes) {
            header.add("service");
        }
        if (repeats) {
            header.add("repeat");
        }
        if (faults) {
            header.add("fault");
        }
        // Beyond three clients a row per client stays readable where a column group per client would not.
        boolean rowPerClient = axes.clients().size() > MAX_CLIENT_COLUMN_GROUPS;
        if (rowPerClient) {
            header.add("client");
        }
        int keyColumns = header.size();
        // Cost columns only for cells that recorded it, so sweeps written before keep their table.
        boolean costs = cells.stream().anyMatch(c -> c.jvmCpuMsPer1k() != null);
        boolean splits = cells.stream().anyMatch(c -> c.splitClientP50Micros() != null);
        int perClient = 2 + (costs ? 2 : 0) + (splits ? 1 : 0);
        for (String client : rowPerClient ? List.of("") : axes.clients()) {
            String label = rowPerClient ? "" : ClientChoice.labelOf(client) + " ";
            header.add(label + "ev/s");
            header.add(label + "p99 ms");
            if (costs) {
                header.add(label + "CPU ms/1k");
                header.add(label + "KiB/1k");
            }
            if (splits) {
                header.add(label + "split p50 µs");
            }
        }
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (CellResult cell : cells) {
            List<String> key = new ArrayList<>();
            if (patterns) {
                key.add(cell.pattern());
            }
            key.add(Integer.toString(cell.workers()));
            if (rates) {
                key.add(cell.rate());
            }
            if (serviceTimes) {
                key.add(cell.serviceTime());
            }
            if (repeats) {
                key.add(Integer.toString(cell.repeat()));
            }
            if (faults) {
                key.add(cell.faults() == null ? "none" : String.join(" ", cell.faults()));
            }
            if (rowPerClient) {
                key.add(ClientChoice.labelOf(cell.client()));
            }
            List<String> row = rows.computeIfAbsent(String.join("\u0000", key), k -> newRow(key, header.size()));
            int column = keyColumns + (rowPerClient ? 0 : perClient * axes.clients().indexOf(cell.client()));
            row.set(column, throughput(cell));
            row.set(column + 1, p99Millis(cell));
            if (costs) {
                row.set(column + 2, oneDecimal(cell.jvmCpuMsPer1k()));
                row.set(column + 3, oneDecimal(cell.jvmAllocatedKbPer1k()));
            }
            if (splits) {
                row.set(column + (costs ? 4 : 2), splitP50s(cell));
            }
        }
        return format(header, new ArrayList<>(rows.values())) + notSustainedLine(cells);
    }

    /**
     * The cells that did not sustain their load, by name, under the table: a mark alone would not say that their
     * latencies are the queue's wait at that rate, not the pipeline's. Empty when every cell sustained its load.
     */
    private static String notSustainedLine(List<CellResult> cells) {
        List<String> names = cells.stream().filter(CellResult::notSustained).map(CellResult::name).toList();
        return names.isEmpty() ? "" : SustainedLoad.NOT_SUSTAINED + " (*): " + String.join(", ", names) + "\n";
    }

    /**
     * The guarantee table, for a sweep with faults: per cell its fault, what it lost and duplicated, its
     * recovery and whether the pattern kept its promise; empty without faults.
     */
    public static String guarantees(List<CellResult> cells) {
        List<List<String>> rows = GuaranteeRow.of(cells).stream().map(r -> List.of(r.client(), r.pattern(), r.fault(),
                r.lost(), r.duplicated(), r.recovery(), r.maxP99Ms(), r.kept(), r.crossChecks())).toList();
        return rows.isEmpty() ? "" : format(List.of("client", "pattern", "fault", "lost", "dup", "recovery s",
                "max p99 ms", "promise kept", "counters agree"), rows);
    }

    private static List<String> newRow(List<String> key, int width) {
        List<String> row = new ArrayList<>(key);
        while (row.size() < width) {
            row.add("-");
        }
        return row;
    }

    private static String throughput(CellResult cell) {
        if (cell.throughputPerSec() == null) {
            return "failed";
        }
        return String.format(Locale.ROOT, "%.0f", cell.throughputPerSec()) + mark(cell);
    }

    private static String p99Millis(CellResult cell) {
        if (cell.enqueueToDequeueP99Micros() == null) {
            return "failed";
        }
        return String.format(Locale.ROOT, "%.2f", cell.enqueueToDequeueP99Micros() / 1000.0) + mark(cell);
    }

    /** producer+redis+client p50s, µs; the parts' p50s sum to about the total's (LatencySplit). */
    private static String splitP50s(CellResult cell) {
        if (cell.splitClientP50Micros() == null) {
            return "-";
        }
        return (cell.splitProducerP50Micros() == null ? "" : cell.splitProducerP50Micros() + "+")
                + cell.splitRedisP50Micros() + "+" + cell.splitClientP50Micros();
    }

    private static String oneDecimal(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String mark(CellResult cell) {
        return cell.trustworthy() ? "" : "*";
    }

    private static String format(List<String> header, List<List<String>> rows) {
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = header.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        appendLine(out, header, widths);
        rows.forEach(row -> appendLine(out, row, widths));
        return out.toString();
    }

    private static void appendLine(StringBuilder out, List<String> cells, int[] widths) {
        for (int i = 0; i < cells.size(); i++) {
            out.append(i == 0 ? "" : "  ").append(String.format(Locale.ROOT, "%" + widths[i] + "s", cells.get(i)));
        }
        out.append('\n');
    }
}
