package dev.callq.bench.cli;

import dev.callq.bench.ExitCode;
import dev.callq.bench.HarnessException;
import dev.callq.bench.env.ManagedProcess;
import dev.callq.bench.options.OptionText;
import dev.callq.bench.env.Provenance;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code callq}: the harness's command line. Exit codes ({@link ExitCode}): 0 success; 2 bad input or
 * environment (a one-line error); 3 the run finished but its numbers are not trustworthy (events lost,
 * duplicated or malformed, producer behind schedule, load NOT SUSTAINED: see {@code result.RunVerdict}); 4 a
 * regression gate failed; 5 a threshold was not met; 130 stopped midway (Ctrl-C, SIGTERM), with every
 * process it started stopped too; 1 anything unexpected. README.md's "Exit codes" holds the table of every command.
 */
@Command(name = "callq", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Benchmarks a SIP proxy → Redis list → BLPOP worker pool pipeline.",
        subcommands = {RunCommand.class, SweepCommand.class, SuiteCommand.class, MaxRateCommand.class, PlanCommand.class,
                ReportCommand.class, CompareCommand.class, HistoryCommand.class, JmhCommand.class, AbCommand.class, MergeCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {
    /** How long a stop signal waits for the command to end by itself before the JVM exits with 130. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    public static void main(String[] args) {
        CompletableFuture<Integer> ended = new CompletableFuture<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> exitInterrupted(ended), "callq-exit-status"));
        int exit = execute(args);
        ended.complete(exit);
        System.exit(exit);
    }

    /**
     * On SIGTERM or SIGINT the JVM exits with 128 + the signal (143 for SIGTERM), whatever the command
     * returns. The status the README's exit codes promise for a stop is 130: once the command has ended (its failure
     * printed) and every process it started is stopped, halt with it. A command that ended by itself exits
     * with its own code.
     */
    private static void exitInterrupted(CompletableFuture<Integer> ended) {
        if (ended.isDone()) {
            return;
        }
        try {
            ended.get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception stillRunning) {
            // the command did not end within the grace period: exit anyway
        }
        ManagedProcess.awaitStoppedAll(STOP_GRACE);
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(ExitCode.INTERRUPTED);
    }

    public static int execute(String... args) {
        Provenance.recordCommandLine("callq", args);
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setParameterExceptionHandler(Main::onBadParameters);
        commandLine.setExecutionExceptionHandler(Main::onFailure);
        ClientHelp.addTo(commandLine);
        return commandLine.execute(args);
    }

    private static int onBadParameters(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("callq: error: " + OptionText.errorMessage(e));
        err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for the options.");
        err.flush();
        return ExitCode.USAGE;
    }

    private static int onFailure(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        if (ManagedProcess.shuttingDown()) {
            err.println("callq: stopped before the run finished; its results are incomplete");
            err.flush();
            return ExitCode.INTERRUPTED;
        }
        if (e instanceof HarnessException || e instanceof IllegalArgumentException) {
            err.println("callq: error: " + e.getMessage());
            err.flush();
            return ExitCode.USAGE;
        }
        err.println("callq: unexpected failure: " + e);
        e.printStackTrace(err);
        err.flush();
        return ExitCode.UNEXPECTED;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {Provenance.current().versionLine()};
        }
    }
}
