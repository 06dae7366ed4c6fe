package dev.callq.bench.cli;

import dev.callq.bench.driver.QueueDrivers;
import dev.callq.bench.driver.QueuePattern;
import dev.callq.bench.event.PayloadFormat;
import dev.callq.bench.load.SyntheticLoad;
import dev.callq.bench.report.SideBySideTable;
import dev.callq.bench.report.HtmlReport;
import dev.callq.bench.report.SummaryJson;
import dev.callq.bench.run.ClientResult;
import dev.callq.bench.run.LoadKind;
import dev.callq.bench.run.RunConfig;
import dev.callq.bench.run.RunOptions;
import dev.callq.bench.run.RunSummary;
import dev.callq.bench.run.Runner;
import dev.callq.bench.work.ServiceTime;
import dev.callq.bench.work.Work;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code callq run}: one load, measured once per client, with a side-by-side table and a results folder. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs a load through Redis to a pool of BLPOP workers and measures it, once per client.")
public final class RunCommand implements Callable<Integer> {
    @Option(names = "--client", defaultValue = RunOptions.DEFAULT_CLIENT, completionCandidates = QueueDrivers.Names.class,
            description = "${COMPLETION-CANDIDATES}, or all of them (also: both) (default: ${DEFAULT-VALUE})")
    String client;

    @Option(names = "--workers", defaultValue = "" + RunOptions.DEFAULT_WORKERS, description = "consumer threads, one connection each (default: ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--load", defaultValue = "sip", description = "sip (SIPp → Kamailio → Redis) or synthetic (open-loop producer) (default: ${DEFAULT-VALUE})")
    String load;

    @Option(names = "--rate", description = "offered calls/s (sip, default " + LoadKind.Defaults.SIP_RATE_PER_SEC
            + ") or events/s (synthetic, default " + LoadKind.Defaults.SYNTHETIC_RATE_PER_SEC + "); "
            + "synthetic also takes steps:<r1>,<r2>@<s>s or ramp:<from>-<to>")
    String rate;

    @ArgGroup(exclusive = true)
    Length length = new Length();

    static final class Length {
        @Option(names = "--calls", description = "SIP calls in the measured phase (default: rate × "
                + LoadKind.Defaults.DURATION_SECONDS + " s)")
        Long calls;

        @Option(names = "--duration", description = "seconds of measured load (default "
                + LoadKind.Defaults.DURATION_SECONDS + ")")
        Double durationSeconds;
    }

    @Option(names = "--warmup", defaultValue = "" + RunOptions.DEFAULT_WARMUP_SECONDS, description = "seconds of warm-up load, consumed but not measured; "
            + "0 for none (default: ${DEFAULT-VALUE})")
    double warmupSeconds;

    @Option(names = "--warmup-max", defaultValue = "" + RunOptions.DEFAULT_WARMUP_MAX_SECONDS, description = "the warm-up goes on a second at a time while the "
            + "JIT is still compiling, up to this many seconds (default: ${DEFAULT-VALUE})")
    double warmupMaxSeconds;

    @Option(names = "--hold-ms", defaultValue = "" + RunOptions.DEFAULT_HOLD_MILLIS, description = "SIP call hold time between ACK and BYE (default: ${DEFAULT-VALUE})")
    long holdMillis;

    @Option(names = "--payload", defaultValue = "json", description = "json (Call-ID, kind, enqueue stamp) or callid (bare Call-ID, the seed format) (default: ${DEFAULT-VALUE})")
    String payload;

    @Option(names = "--pattern", defaultValue = "blpop", description = "blpop, reliable, batch or stream (default: ${DEFAULT-VALUE})")
    String pattern;

    @Option(names = "--batch-size", defaultValue = "" + RunOptions.DEFAULT_BATCH_SIZE, description = "events per pop for batch and stream (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--service-time", defaultValue = "none", description = "work per event: none, fixed:3ms, exp:3ms, lognormal:3ms,1.5 (default: ${DEFAULT-VALUE})")
    String serviceTime;

    @Option(names = "--work", defaultValue = "sleep", description = "how the work is done: sleep or spin (CPU) (default: ${DEFAULT-VALUE})")
    String workMode;

    @Option(names = "--arrivals", defaultValue = "constant", description = "synthetic arrivals: constant or poisson (default: ${DEFAULT-VALUE})")
    String arrivals;

    @Option(names = "--producer-connections", defaultValue = "" + RunOptions.DEFAULT_PRODUCER_CONNECTIONS, description = "synthetic producer connections (default: ${DEFAULT-VALUE})")
    int producerConnections;

    @Option(names = "--pop-timeout-ms", defaultValue = "" + RunOptions.DEFAULT_POP_TIMEOUT_MILLIS, description = "bound on each blocking pop (default: ${DEFAULT-VALUE})")
    long popTimeoutMillis;

    @Option(names = "--drain-timeout", defaultValue = "" + RunOptions.DEFAULT_DRAIN_TIMEOUT_SECONDS, description = "seconds to wait for the queue to empty after the load (default: ${DEFAULT-VALUE})")
    long drainTimeoutSeconds;

    @Option(names = "--resp", defaultValue = "" + RunOptions.DEFAULT_RESP_VERSION, description = "RESP version both clients are pinned to: 2 or 3 (default: ${DEFAULT-VALUE})")
    int respVersion;

    @Option(names = "--redis", description = "use this Redis (host:port) instead of starting one")
    String redis;

    @Option(names = "--out", description = "results folder (default: results/run-<time>)")
    Path outDir;

    @Override
    public Integer call() {
        RunConfig config = toConfig();
        RunSummary summary = new Runner(config, new ConsoleProgress(System.err)).run();
        Path file = SummaryJson.write(summary, config.outDir());
        System.out.println();
        System.out.print(SideBySideTable.render(summary));
        boolean trustworthy = true;
        for (ClientResult result : summary.clients()) {
            for (String warning : result.warnings()) {
                System.out.println("WARNING " + result.client() + ": " + warning);
            }
            boolean eventsBalanced = result.events().lost() == 0 && result.events().duplicates() == 0
                    && result.events().leftInQueue() == 0;
            boolean producerKept = result.producer() == null || result.producer().keptSchedule();
            trustworthy &= eventsBalanced && producerKept;
        }
        System.out.println("results: " + file);
        System.out.println("report: " + HtmlReport.write(config.outDir()));
        return trustworthy ? 0 : Main.EXIT_UNTRUSTWORTHY;
    }

    RunConfig toConfig() {
        return toOptions().toConfig(outDir != null ? outDir : defaultOutDir());
    }

    /** The options as given, typed; {@link RunOptions#toConfig} checks them. */
    RunOptions toOptions() {
        return new RunOptions(client, RunOptions.parseEnum(LoadKind.class, load, "--load"),
                RunOptions.parseEnum(QueuePattern.class, pattern, "--pattern"), workers, rate,
                ServiceTime.parse(serviceTime), RunOptions.parseEnum(Work.Mode.class, workMode, "--work"),
                RunOptions.parseEnum(SyntheticLoad.Arrivals.class, arrivals, "--arrivals"), warmupSeconds,
                warmupMaxSeconds, length.calls, length.durationSeconds, drainTimeoutSeconds, holdMillis,
                RunOptions.parseEnum(PayloadFormat.class, payload, "--payload"), batchSize, producerConnections,
                popTimeoutMillis, respVersion, redis == null ? null : RunOptions.parseEndpoint(redis));
    }

    /**
     * Reads {@code callq run} arguments (without {@code --out}) exactly as the command does: the one
     * way arguments written for a forked run are checked before it starts.
     *
     * @throws IllegalArgumentException with a one-line message for an unknown option or a bad value
     */
    static RunOptions parse(List<String> args) {
        RunCommand run = new RunCommand();
        try {
            new CommandLine(run).parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        return run.toOptions();
    }

    private static Path defaultOutDir() {
        return ResultsFolders.timestamped("run");
    }
}
