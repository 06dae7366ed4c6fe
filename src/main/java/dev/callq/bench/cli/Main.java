package dev.callq.bench.cli;

import dev.callq.bench.ExitCode;
import dev.callq.bench.HarnessException;
import dev.callq.bench.env.ManagedProcess;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * {@code callq}: the harness's command line. Exit codes ({@link ExitCode}): 0 success; 2 bad input or
 * environment (a one-line error); 3 the run finished but its numbers are not trustworthy (events lost,
 * duplicated or malformed, producer behind schedule: see {@code run.RunVerdict}); 4 a regression gate
 * failed; 130 stopped midway (Ctrl-C, SIGTERM), with every process it started stopped too; 1 anything
 * unexpected.
 */
@Command(name = "callq", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Benchmarks a SIP proxy → Redis list → BLPOP worker pool pipeline.",
        subcommands = {RunCommand.class, SweepCommand.class, SuiteCommand.class, MaxRateCommand.class, PlanCommand.class,
                ReportCommand.class, CompareCommand.class, JmhCommand.class, AbCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setParameterExceptionHandler(Main::onBadParameters);
        commandLine.setExecutionExceptionHandler(Main::onFailure);
        ClientHelp.addTo(commandLine);
        return commandLine.execute(args);
    }

    private static int onBadParameters(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("callq: error: " + e.getMessage());
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
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"callq-bench " + (version == null ? "development build" : version)};
        }
    }
}
