package dev.callq.bench.cli;

import dev.callq.bench.report.FolderKind;
import dev.callq.bench.report.Reports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code callq report DIR}: rebuilds a results folder's report from its raw files, without running anything. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Rebuilds report.html from a results folder's raw files, whatever wrote it: a run "
                + "(summary.json, .hlog, time series; also summary.md and summary.csv), a sweep (sweep.json), a suite "
                + "(its sweeps' sweep.json and compare.md), a plan (plan.json), JMH (jmh.json) or max-rate (max-rate.json); also a folder of HdrHistogram interval logs (*.hlog) another tool wrote.",
                "Exit 2 with one line when DIR is none of these."})
final class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "the results folder a callq command wrote")
    Path resultsDir;

    @Override
    public Integer call() {
        FolderKind kind = FolderKind.of(resultsDir);
        Path report = Reports.write(resultsDir);
        System.out.println("report: " + report);
        if (kind == FolderKind.RUN) {
            System.out.println("summary: " + report.resolveSibling("summary.md") + ", "
                    + report.resolveSibling("summary.csv"));
        }
        return 0;
    }
}
