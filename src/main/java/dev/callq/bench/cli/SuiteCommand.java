package dev.callq.bench.cli;

import dev.callq.bench.ExitCode;
import dev.callq.bench.compare.Comparison;
import dev.callq.bench.compare.MachineRecord;
import dev.callq.bench.compare.Tolerance;
import dev.callq.bench.env.Provenance;
import dev.callq.bench.report.SuiteHtml;
import dev.callq.bench.result.Thresholds;
import dev.callq.bench.suite.SuiteSpec;
import dev.callq.bench.suite.SuiteSpecParser;
import dev.callq.bench.sweep.CellResult;
import dev.callq.bench.sweep.Sweep;
import dev.callq.bench.sweep.SweepCell;
import dev.callq.bench.sweep.SweepEstimate;
import dev.callq.bench.sweep.SweepSpec;
import dev.callq.bench.sweep.SweepTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code callq suite FILE [--compare BASELINE]}: runs a suite's sweeps, writes summary.md for a CI job
 * summary, and gates against a baseline. Exit 0 clean; 3 a cell's numbers are untrustworthy; 4 regression.
 */
@Command(name = "suite", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs every sweep of a suite file, then compares against a baseline when asked.",
                "Exit codes: 0 clean; 2 bad input; 3 some cell's numbers are untrustworthy (events lost, "
                        + "producer behind); 4 the gate against the baseline fails; 5 a threshold was not met. "
                        + "When several apply: 4, then 5, then 3."})
public final class SuiteCommand implements Callable<Integer> {
    static final String SUMMARY_FILE = "summary.md";

    @Parameters(index = "0", paramLabel = "FILE", description = "the suite file (YAML), e.g. benchmarks/ci.yaml")
    Path file;

    @Option(names = "--out", description = "suite folder (default: results/suite-<name>-<time>)")
    Path outDir;

    @Option(names = "--compare", paramLabel = "BASELINE", description = "results folder to gate against")
    Path baseline;

    @Mixin
    MaxRegressionOption maxRegression = new MaxRegressionOption();

    @Mixin
    ThresholdOption threshold = new ThresholdOption();

    @Override
    public Integer call() throws IOException {
        SuiteSpec suite = SuiteSpecParser.read(file);
        Tolerance tolerance = maxRegression.tolerance();
        Thresholds thresholds = suite.thresholds().and(threshold.thresholds());
        for (SweepSpec sweep : suite.sweeps()) {
            SweepCell.expand(sweep.axes()).forEach(cell -> SweepCommand.validate(sweep, cell));
        }
        if (baseline != null && !Files.isDirectory(baseline)) {
            throw new IllegalArgumentException("baseline folder " + baseline + " does not exist");
        }
        Path dir = outDir != null ? outDir : DefaultOutDir.timestamped("suite-" + suite.name());
        Files.createDirectories(dir);
        MachineRecord.current().write(dir);
        StringBuilder summary = new StringBuilder("# callq-bench suite: " + suite.name() + "\n\n")
                .append(suite.description()).append("\n\n");
        boolean trustworthy = true;
        boolean thresholdsHeld = true;
        for (SweepSpec sweep : suite.sweeps()) {
            int cells = SweepCell.expand(sweep.axes()).size();
            System.out.println(sweep.name() + ": " + SweepEstimate.of(sweep, cells));
            List<CellResult> results = new Sweep(sweep, dir.resolve(sweep.name()), System.out,
                    new ConsoleProgress(System.out)).run();
            String table = SweepTable.render(sweep.axes(), results);
            System.out.println();
            System.out.print(table);
            summary.append("## ").append(sweep.name()).append("\n\n").append(sweep.description()).append("\n\n```\n")
                    .append(table).append("```\n\n");
            trustworthy &= results.stream().allMatch(CellResult::trustworthy);
            java.io.ByteArrayOutputStream judged = new java.io.ByteArrayOutputStream();
            java.io.PrintStream judgedOut = new java.io.PrintStream(judged, true, StandardCharsets.UTF_8);
            boolean held = SweepCommand.judge(thresholds.and(sweep.thresholds()), dir.resolve(sweep.name()), results,
                    judgedOut);
            String judgedText = judged.toString(StandardCharsets.UTF_8);
            System.out.print(judgedText);
            if (!judgedText.isEmpty()) {
                summary.append("```\n").append(judgedText).append("```\n\n");
            }
            thresholdsHeld &= held;
        }
        if (!trustworthy) {
            summary.append("**Some cells are not trustworthy** (events lost, duplicated, malformed or left in the "
                    + "queue, the producer fell behind, or the load NOT SUSTAINED, named under each table): see their "
                    + "summary.json warnings.\n\n");
        }
        Comparison comparison = null;
        if (baseline != null) {
            System.out.println();
            comparison = CompareCommand.gate(baseline, dir, tolerance);
            Files.writeString(dir.resolve(SuiteHtml.BASELINE_FILE), baseline.toAbsolutePath().normalize() + "\n",
                    StandardCharsets.UTF_8);
            summary.append("## Against the baseline\n\n")
                    .append(Files.readString(dir.resolve(CompareCommand.COMPARE_FILE), StandardCharsets.UTF_8));
        }
        summary.append("\n---\nProvenance: ").append(Provenance.current().describe()).append("\n");
        Files.writeString(dir.resolve(SUMMARY_FILE), summary.toString(), StandardCharsets.UTF_8);
        System.out.println("results: " + dir + " (" + SUMMARY_FILE + " for a CI job summary)");
        System.out.println("report: " + SuiteHtml.write(dir));
        if (comparison != null && comparison.hasRegression()) {
            return ExitCode.REGRESSION;
        }
        if (!thresholdsHeld) {
            return ExitCode.THRESHOLD;
        }
        return trustworthy ? ExitCode.OK : ExitCode.UNTRUSTWORTHY;
    }
}
