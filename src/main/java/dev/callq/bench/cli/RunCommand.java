package dev.callq.bench.cli;

import dev.callq.bench.ExitCode;
import dev.callq.bench.env.ManagedProcess;
import dev.callq.bench.report.SideBySideTable;
import dev.callq.bench.report.RunHtml;
import dev.callq.bench.result.SummaryJson;
import dev.callq.bench.result.ClientResult;
import dev.callq.bench.run.ForkedRun;
import dev.callq.bench.options.RunOptions;
import dev.callq.bench.options.RunOptionsFile;
import dev.callq.bench.options.RunConfig;
import dev.callq.bench.result.RunSummary;
import dev.callq.bench.result.RunVerdict;
import dev.callq.bench.result.Role;
import dev.callq.bench.shard.ShardRun;
import dev.callq.bench.run.Runner;
import dev.callq.bench.result.Thresholds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code callq run}: one load, measured once per client, with a side-by-side table and a results folder. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs a load through Redis to a pool of BLPOP workers and measures it, once per client.",
                "Exit codes: 0 clean; 2 bad input; 3 some client's numbers are untrustworthy (events lost, producer "
                        + "behind, load NOT SUSTAINED); 5 a --threshold was not met (before 3)."})
public final class RunCommand implements Callable<Integer> {
    @Mixin
    RunOptions options;

    @Option(names = "--out", description = "results folder (default: results/run-<time>)")
    Path outDir;

    /** A forked run's options, written by {@link ForkedRun}; hidden, as no one types it. */
    @Option(names = ForkedRun.OPTIONS_FILE, hidden = true, paramLabel = "FILE")
    Path optionsFile;

    private static final List<String> FILE_AND_OUT = List.of(ForkedRun.OPTIONS_FILE, "--out");

    @Spec
    CommandSpec spec;

    @Mixin
    ThresholdOption threshold = new ThresholdOption();


    @Override
    public Integer call() {
        Thresholds thresholds = threshold.thresholds();
        RunConfig config = toConfig();
        if (config.role() != Role.ALL) {
            Path part = new ShardRun(config).run();
            System.out.println("shard part: " + part + " (when every shard is done: callq merge " + config.outDir() + ")");
            return ExitCode.OK;
        }
        RunSummary summary = new Runner(config, new ConsoleProgress(System.err)).run();
        Path file = SummaryJson.write(summary, config.outDir());
        System.out.println();
        System.out.print(SideBySideTable.render(summary));
        for (ClientResult result : summary.clients()) {
            for (String warning : result.warnings()) {
                System.out.println("WARNING " + result.client() + ": " + warning);
            }
        }
        System.out.println("results: " + file);
        if (ManagedProcess.shuttingDown()) {
            // The JVM is on its way out: the report, seconds of rendering, is left to callq report.
            System.err.println("callq: stopped (SIGINT or SIGTERM) before the run finished; " + file
                    + " holds what was measured until then (callq report " + config.outDir() + " makes its report)");
            return ExitCode.INTERRUPTED;
        }
        System.out.println("report: " + RunHtml.write(config.outDir()));
        ThresholdGate gate = new ThresholdGate(thresholds, System.out);
        gate.judge("", config.outDir());
        if (!gate.passed()) {
            return ExitCode.THRESHOLD;
        }
        return RunVerdict.trustworthy(summary) ? ExitCode.OK : ExitCode.UNTRUSTWORTHY;
    }

    RunConfig toConfig() {
        return options().toConfig(outDir != null ? outDir : defaultOutDir());
    }

    /** The options on the command line, or those of a forked run's file, which then come alone. */
    private RunOptions options() {
        if (optionsFile == null) {
            return options;
        }
        boolean more = spec.commandLine().getParseResult().matchedOptions().stream()
                .anyMatch(option -> !FILE_AND_OUT.contains(option.longestName()));
        if (more) {
            throw new IllegalArgumentException(ForkedRun.OPTIONS_FILE + " takes no other run option than --out "
                    + "(and --redis from " + RunOptions.REDIS_ENV + ")");
        }
        return RunOptionsFile.read(optionsFile);
    }

    private static Path defaultOutDir() {
        return DefaultOutDir.timestamped("run");
    }
}
