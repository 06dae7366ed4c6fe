package dev.callq.bench.cli;

import dev.callq.bench.HarnessException;
import dev.callq.bench.compare.Comparison;
import dev.callq.bench.compare.ComparisonMarkdown;
import dev.callq.bench.compare.MachineRecord;
import dev.callq.bench.compare.ResultSet;
import dev.callq.bench.compare.Tolerance;
import dev.callq.bench.report.AbHtml;
import dev.callq.bench.run.ForkedRun;
import dev.callq.bench.run.ProgressListener;
import dev.callq.bench.suite.SuiteSpec;
import dev.callq.bench.sweep.SweepCell;
import dev.callq.bench.sweep.SweepEstimate;
import dev.callq.bench.sweep.SweepSpec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Runs every cell of a suite twice on the same machine, once by each of two callq launchers (the base
 * revision's and this one's), interleaved ABBA: cell 1 base then current, cell 2 current then base, and so
 * on, each a fresh JVM. Drift of the machine (a neighbour's load, thermal state) then falls on both
 * sides alike instead of on one, which a committed baseline measured elsewhere cannot offer. The
 * results go to {@code base/} and {@code current/} under the A/B folder, and the gate compares them.
 */
final class AbRun {
    static final String BASE = "base";
    static final String CURRENT = "current";

    private final SuiteSpec suite;
    private final List<String> baseLauncher;
    private final List<String> currentLauncher;
    private final Path dir;
    private final PrintStream out;

    AbRun(SuiteSpec suite, List<String> baseLauncher, List<String> currentLauncher, Path dir, PrintStream out) {
        this.suite = suite;
        this.baseLauncher = List.copyOf(baseLauncher);
        this.currentLauncher = List.copyOf(currentLauncher);
        this.dir = dir;
        this.out = out;
    }

    /** Runs both sides, compares them, and keeps the comparison as compare.md in the A/B folder. */
    Comparison run(Tolerance tolerance) throws IOException {
        Files.createDirectories(dir);
        MachineRecord.current().write(dir);
        int order = 0;
        for (SweepSpec sweep : suite.sweeps()) {
            List<SweepCell> cells = SweepCell.expand(sweep.axes());
            out.println(sweep.name() + ": " + cells.size() + " cells a side, ABBA; "
                    + SweepEstimate.of(sweep, 2 * cells.size()));
            for (SweepCell cell : cells) {
                boolean baseFirst = order++ % 2 == 0;
                runCell(sweep, cell, baseFirst ? BASE : CURRENT);
                runCell(sweep, cell, baseFirst ? CURRENT : BASE);
            }
        }
        Comparison comparison = Comparison.of(ResultSet.load(dir.resolve(BASE)), ResultSet.load(dir.resolve(CURRENT)),
                tolerance);
        String markdown = ComparisonMarkdown.render(comparison, tolerance);
        out.println();
        out.print(markdown);
        Files.writeString(dir.resolve(CompareCommand.COMPARE_FILE), markdown, StandardCharsets.UTF_8);
        out.println("comparison kept in " + dir.resolve(CompareCommand.COMPARE_FILE));
        out.println("report: " + AbHtml.write(dir));
        return comparison;
    }

    private void runCell(SweepSpec sweep, SweepCell cell, String side) {
        Path folder = dir.resolve(side).resolve(sweep.name()).resolve("cells").resolve(cell.name());
        long startNanos = System.nanoTime();
        out.printf(Locale.ROOT, "%-7s %s/%s ", side, sweep.name(), cell.name());
        out.flush();
        try {
            ForkedRun.Outcome outcome = ForkedRun.run(side.equals(BASE) ? baseLauncher : currentLauncher,
                    cell.runOptions(sweep), folder, SweepEstimate.cellTimeout(sweep), ProgressListener.NONE, 0);
            out.printf(Locale.ROOT, "exit %d in %.1f s%n", outcome.exitCode(), (System.nanoTime() - startNanos) / 1e9);
        } catch (HarnessException e) {
            // The gate fails this cell as missing from its side; the other cells still run.
            out.println("FAILED: " + e.getMessage());
        }
    }
}
