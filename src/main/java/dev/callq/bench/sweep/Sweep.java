package dev.callq.bench.sweep;

import dev.callq.bench.HarnessException;
import dev.callq.bench.env.Provenance;
import dev.callq.bench.run.ForkedRun;
import dev.callq.bench.run.ProgressListener;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs every cell of a sweep, each as a forked {@code callq run} with a single client, into
 * {@code <dir>/cells/<cell name>}, and keeps {@code sweep.json} and {@code sweep.csv} up to date.
 * A cell that fails is recorded and the sweep goes on, unless it is the first: then the environment is
 * broken and every other cell would fail the same way.
 */
public final class Sweep {
    private final SweepSpec spec;
    private final Path dir;
    private final PrintStream progress;
    private final ProgressListener cellProgress;

    /** With {@code cellProgress}, each cell's rate, p99 and backlog are shown every second as it runs. */
    public Sweep(SweepSpec spec, Path dir, PrintStream progress, ProgressListener cellProgress) {
        this.spec = spec;
        this.dir = dir;
        this.progress = progress;
        this.cellProgress = cellProgress;
    }

    public List<CellResult> run() {
        List<SweepCell> cells = SweepCell.expand(spec.axes());
        Duration timeout = SweepEstimate.cellTimeout(spec);
        Instant startedAt = Instant.now();
        long startNanos = System.nanoTime();
        List<CellResult> results = new ArrayList<>();
        for (SweepCell cell : cells) {
            progress.printf(Locale.ROOT, cellProgress == ProgressListener.NONE ? "cell %d/%d %s " : "cell %d/%d %s%n",
                    cell.index(), cells.size(), cell.name());
            progress.flush();
            long cellStartNanos = System.nanoTime();
            CellResult result = runCell(cell, timeout);
            results.add(result);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
            Duration eta = elapsed.dividedBy(results.size()).multipliedBy(cells.size() - results.size());
            progress.printf(Locale.ROOT, "%s%s in %.1f s; elapsed %s, ETA %s%n",
                    cellProgress == ProgressListener.NONE ? "" : "  cell done: ", outcomeText(result),
                    (System.nanoTime() - cellStartNanos) / 1e9, SweepEstimate.minutesSeconds(elapsed),
                    SweepEstimate.minutesSeconds(eta));
            SweepFiles.write(new SweepFiles.SweepReport(SweepFiles.SCHEMA, startedAt.toString(),
                    Math.round(elapsed.toMillis() / 100.0) / 10.0, spec, results, Provenance.current()), dir);
        }
        return results;
    }

    private CellResult runCell(SweepCell cell, Duration timeout) {
        String folder = "cells/" + cell.name();
        try {
            return CellResult.of(cell, folder, ForkedRun.run(cell.runOptions(spec), dir.resolve(folder), timeout, cellProgress,
                    Math.round(spec.phases().durationSeconds())));
        } catch (HarnessException e) {
            if (cell.index() == 1) {
                progress.println("failed");
                throw e;
            }
            return CellResult.failed(cell, folder, e.getMessage());
        }
    }

    private static String outcomeText(CellResult result) {
        if (result.error() != null) {
            return "FAILED (" + result.error() + ")";
        }
        return String.format(Locale.ROOT, "%.0f ev/s, p99 %.2f ms%s", result.throughputPerSec(),
                result.enqueueToDequeueP99Micros() / 1000.0, result.trustworthy() ? ""
                        : (result.notSustained() ? ", NOT SUSTAINED" : ", NOT TRUSTWORTHY") + " (exit "
                        + result.exitCode() + ", see " + result.folder() + "/summary.json warnings)");
    }
}
