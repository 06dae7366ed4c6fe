package dev.callq.bench.cli;

import dev.callq.bench.ExitCode;
import dev.callq.bench.report.RunHtml;
import dev.callq.bench.report.SideBySideTable;
import dev.callq.bench.result.ClientResult;
import dev.callq.bench.result.RunSummary;
import dev.callq.bench.result.RunVerdict;
import dev.callq.bench.shard.ShardMerge;
import dev.callq.bench.result.SummaryJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code callq merge DIR}: the shards of a run spread over several processes, added up into one run's results. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Adds up the parts that `callq run --role producer|consumer --shard I/N` wrote under DIR/shards/: "
                + "histograms interval by interval (never averaging percentiles), the accounting across shards "
                + "(duplicates taken by two consumer shards included), the time series second by second. Writes "
                + "DIR/summary.json, the merged .hlog and time series, and report.html, as one run does.",
                "Exit 3 when the merged run is not trustworthy (as for one run, NOT SUSTAINED included); 2 with one line "
                        + "when DIR holds no complete set of parts (a shard missing or extra is named)."})
final class MergeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "the results folder every shard was given as --out")
    Path resultsDir;

    @Override
    public Integer call() {
        RunSummary summary = ShardMerge.merge(resultsDir);
        Path file = SummaryJson.write(summary, resultsDir);
        System.out.print(SideBySideTable.render(summary));
        for (ClientResult result : summary.clients()) {
            for (String warning : result.warnings()) {
                System.out.println("WARNING " + result.client() + ": " + warning);
            }
        }
        System.out.println("results: " + file);
        System.out.println("report: " + RunHtml.write(resultsDir));
        return RunVerdict.trustworthy(summary) ? ExitCode.OK : ExitCode.UNTRUSTWORTHY;
    }
}
