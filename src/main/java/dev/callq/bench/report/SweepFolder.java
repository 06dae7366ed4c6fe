package dev.callq.bench.report;

import dev.callq.bench.env.Provenance;
import dev.callq.bench.sweep.CellResult;
import dev.callq.bench.sweep.SweepFiles;
import dev.callq.bench.sweep.SweepSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * A sweep folder read back from its {@code sweep.json}: what the sweep was, and one entry per cell.
 *
 * @param load       "sip" or "synthetic"
 * @param provenance null in sweeps written before it was recorded
 */
record SweepFolder(Path dir, String name, String description, String load, String startedAt, double elapsedSeconds,
                   List<CellResult> cells, Provenance provenance) {

    static SweepFolder read(Path dir) {
        SweepFiles.SweepReport report = SweepFiles.read(dir);
        SweepSpec spec = report.spec();
        return new SweepFolder(dir, spec.name(), spec.description(), spec.load(), report.startedAt(),
                report.elapsedSeconds(), report.cells(), report.provenance());
    }

    /** Cells that ran and whose numbers can be trusted: the ones the charts and fits use. */
    List<CellResult> trustworthyCells() {
        return cells.stream().filter(c -> c.trustworthy() && c.throughputPerSec() != null).toList();
    }

    boolean varies(Function<CellResult, Object> axis) {
        return cells.stream().map(axis).distinct().count() > 1;
    }
}
