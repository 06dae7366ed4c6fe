package dev.callq.bench.sweep;

import dev.callq.bench.driver.QueuePattern;
import dev.callq.bench.result.DeliveryPromise;
import dev.callq.bench.result.FaultRecord;
import dev.callq.bench.options.RunOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One row of the guarantee table: a cell with faults, what it lost and duplicated, how long it took to
 * recover, its worst p99 during the fault, and whether its pattern kept its promise. The sweep's text
 * table and the report's HTML table both show these rows.
 *
 * @param recovery  seconds from the fault's end until the backlog was back to its steady level,
 *                  {@link FaultRecord#NOT_RECOVERED},
 *                  or "-" when the cell did not run
 * @param maxP99Ms  the worst per-second p99 during the fault in ms, or "-"
 * @param kept      "yes", "NO", or "FAILED: …" when the cell did not run
 * @param crossChecks whether the accounting agreed with Redis's own counters ({@link CellResult#crossChecks}), or "-"
 */
public record GuaranteeRow(String client, String pattern, String fault, String lost, String duplicated,
                           String recovery, String maxP99Ms, String promise, String kept, boolean broken,
                           String crossChecks) {

    /** The rows of the cells that had faults, in order; empty when none had. */
    public static List<GuaranteeRow> of(List<CellResult> cells) {
        List<GuaranteeRow> rows = new ArrayList<>();
        for (CellResult c : cells) {
            if (c.faults() == null) {
                continue;
            }
            boolean ran = c.error() == null;
            rows.add(new GuaranteeRow(c.client(), c.pattern(), String.join(" ", c.faults()),
                    ran ? Long.toString(c.eventsLost()) : "-", ran ? Long.toString(c.eventsDuplicates()) : "-",
                    !ran ? "-" : FaultRecord.recoveryText(c.recoverySeconds()),
                    !ran || c.faultMaxP99Micros() == null ? "-"
                            : String.format(Locale.ROOT, "%.2f", c.faultMaxP99Micros() / 1000.0),
                    DeliveryPromise.of(RunOptions.parseEnum(QueuePattern.class, c.pattern(), "pattern")).describe(),
                    !ran ? "FAILED: " + c.error() : Boolean.TRUE.equals(c.promiseKept()) ? "yes" : "NO",
                    !Boolean.TRUE.equals(c.promiseKept()) || c.countersDisagree(),
                    c.crossChecks() == null ? "-" : c.crossChecks()));
        }
        return rows;
    }
}
