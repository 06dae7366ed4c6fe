package dev.callq.bench.cli;

import dev.callq.bench.ExitCode;
import dev.callq.bench.env.RedisEndpoint;
import dev.callq.bench.report.SweepHtml;
import dev.callq.bench.result.Thresholds;
import dev.callq.bench.sweep.CellResult;
import dev.callq.bench.sweep.Sweep;
import dev.callq.bench.sweep.SweepCell;
import dev.callq.bench.sweep.SweepEstimate;
import dev.callq.bench.sweep.SweepFiles;
import dev.callq.bench.sweep.SweepSpec;
import dev.callq.bench.sweep.SweepSpecParser;
import dev.callq.bench.sweep.SweepTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code callq sweep FILE}: every combination of a sweep file's axes, each cell a fresh JVM with one client. */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs every cell (client × pattern × workers × rate × service time × repeat) of a sweep "
                + "file, each as a forked 'callq run', and writes sweep.json and sweep.csv.",
                "Exit codes: 0 clean; 2 bad input (nothing run); 3 some cell's numbers are untrustworthy; "
                        + "5 a threshold was not met (before 3)."})
public final class SweepCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "the sweep file (YAML), e.g. benchmarks/worker-sweep.yaml")
    Path file;

    @Option(names = "--out", description = "sweep folder (default: results/sweep-<name>-<time>)")
    Path outDir;

    @Option(names = "--dry-run", description = "list the cells and the estimated time, run nothing")
    boolean dryRun;

    @Mixin
    ThresholdOption threshold = new ThresholdOption();

    @Override
    public Integer call() {
        SweepSpec spec = SweepSpecParser.read(file);
        Thresholds thresholds = spec.thresholds().and(threshold.thresholds());
        List<SweepCell> cells = SweepCell.expand(spec.axes());
        cells.forEach(cell -> validate(spec, cell));
        SweepEstimate estimate = SweepEstimate.of(spec, cells.size());
        if (dryRun) {
            System.out.println(spec.name() + ": " + estimate);
            for (SweepCell cell : cells) {
                System.out.println("  " + cell.name() + "  callq run "
                        + RedisEndpoint.mask(String.join(" ", cell.runArgs(spec))));
            }
            return 0;
        }
        Path dir = outDir != null ? outDir : DefaultOutDir.timestamped("sweep-" + spec.name());
        System.out.println(spec.name() + ": " + estimate + "; results in " + dir);
        List<CellResult> results = new Sweep(spec, dir, System.out, new ConsoleProgress(System.out)).run();
        System.out.println();
        String guarantees = SweepTable.guarantees(results);
        if (!guarantees.isEmpty()) {
            System.out.print(guarantees);
            System.out.println();
        }
        System.out.print(SweepTable.render(spec.axes(), results));
        boolean trustworthy = results.stream().allMatch(CellResult::trustworthy);
        if (results.stream().anyMatch(r -> r.error() == null && !r.trustworthy())) {
            System.out.println("* not trustworthy: events lost, duplicated, malformed or left in the queue, or the "
                    + "producer fell behind; see the cell's summary.json warnings");
        }
        results.stream().filter(r -> r.error() != null)
                .forEach(r -> System.out.println("failed: " + r.name() + ": " + r.error()));
        System.out.println("results: " + dir.resolve(SweepFiles.JSON) + ", " + dir.resolve(SweepFiles.CSV));
        System.out.println("report: " + SweepHtml.write(dir));
        if (!judge(thresholds, dir, results, System.out)) {
            return ExitCode.THRESHOLD;
        }
        return trustworthy ? ExitCode.OK : ExitCode.UNTRUSTWORTHY;
    }

    /** Judges every cell against the thresholds, ✓/✗ per cell, client and metric; true when all held. */
    static boolean judge(Thresholds thresholds, Path dir, List<CellResult> results, PrintStream out) {
        if (thresholds.isEmpty()) {
            return true;
        }
        out.println("thresholds:");
        ThresholdGate gate = new ThresholdGate(thresholds, out);
        for (CellResult result : results) {
            gate.judge(result.name(), dir.resolve(result.folder()));
        }
        return gate.passed();
    }

    /** Checks a cell's arguments exactly as its forked {@code callq run} will, before anything runs. */
    static void validate(SweepSpec spec, SweepCell cell) {
        try {
            cell.runOptions(spec).toConfig(Path.of("unused"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cell " + cell.name() + ": " + e.getMessage());
        }
    }
}
