package dev.callq.bench.cli;

import dev.callq.bench.report.HtmlReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code callq report DIR}: rebuilds a results folder's report from its raw files, without running anything. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Rebuilds report.html, summary.md and summary.csv from a results folder's summary.json, "
                + ".hlog interval logs and time series.")
final class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "the results folder a `callq run` wrote")
    Path resultsDir;

    @Override
    public Integer call() {
        Path report = HtmlReport.write(resultsDir);
        System.out.println("report: " + report);
        System.out.println("summary: " + report.resolveSibling("summary.md") + ", "
                + report.resolveSibling("summary.csv"));
        return 0;
    }
}
