package dev.callq.bench.cli;

import dev.callq.bench.ExitCode;
import dev.callq.bench.compare.Comparison;
import dev.callq.bench.compare.ComparisonMarkdown;
import dev.callq.bench.compare.MachineRecord;
import dev.callq.bench.compare.ResultSet;
import dev.callq.bench.compare.Tolerance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code callq compare BASELINE CURRENT}: the regression gate. Exit 0 no regression, 4 regression, 2 bad input. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compares two results folders cell by cell from their raw histograms.",
                "Exit codes: 0 no regression; 4 the gate fails: a regression beyond tolerance and beyond the noise "
                        + "between repeats (or beyond tolerance where there are no repeats: unguarded), or a cell "
                        + "missing from CURRENT, with too few latencies, or with untrustworthy numbers; 2 bad input "
                        + "(an empty summary.json, a header-only or truncated .hlog), in one line."})
public final class CompareCommand implements Callable<Integer> {
    static final String COMPARE_FILE = "compare.md";

    @Parameters(index = "0", paramLabel = "BASELINE", description = "results folder of the baseline")
    Path baseline;

    @Parameters(index = "1", paramLabel = "CURRENT", description = "results folder to judge")
    Path current;

    @Mixin
    MaxRegressionOption maxRegression = new MaxRegressionOption();

    @Override
    public Integer call() throws IOException {
        return gate(baseline, current, maxRegression.tolerance()).hasRegression() ? ExitCode.REGRESSION : ExitCode.OK;
    }

    /** Compares, prints the Markdown table, and keeps it as {@code compare.md} in the current folder. */
    static Comparison gate(Path baseline, Path current, Tolerance tolerance) throws IOException {
        Comparison comparison = Comparison.of(ResultSet.load(baseline), ResultSet.load(current), tolerance);
        String markdown = ComparisonMarkdown.render(comparison, tolerance);
        String warning = MachineRecord.baselineWarning(baseline).orElse(null);
        if (warning != null) {
            markdown = warning + ".\n\n" + markdown;
        }
        System.out.print(markdown);
        Files.writeString(current.resolve(COMPARE_FILE), markdown, StandardCharsets.UTF_8);
        System.out.println("comparison kept in " + current.resolve(COMPARE_FILE));
        return comparison;
    }
}
