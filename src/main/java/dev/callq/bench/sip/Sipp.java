package dev.callq.bench.sip;

import dev.callq.bench.env.Binaries;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Where SIPp comes from and what every SIPp instance of the harness shares. */
public final class Sipp {
    /** SIPp's exit codes (sipp(1)): all calls succeeded, or at least one failed. */
    static final int EXIT_ALL_SUCCEEDED = 0;
    static final int EXIT_SOME_FAILED = 1;
    /** Above it, the process was ended by a signal: 128 + the signal's number, as a shell reports it. */
    static final int EXIT_BY_SIGNAL = 128;

    private Sipp() {
    }

    static Path binary() {
        return Binaries.require("sipp", "sip-tester");
    }

    /**
     * The start of a command that runs SIPp through one of the bundled scripts ({@code uac.sh}, {@code uas.sh}),
     * which spell SIPp's command line: the script, copied into {@code runDir}, with the options both take. The
     * script runs SIPp in {@code runDir}, names its files there after {@code name}, writes the SIPp command
     * line it ran to {@code <name>.cmd}, and execs SIPp, so the process started is SIPp itself.
     */
    static List<String> scriptCommand(String script, Path runDir, String name, String localAddress, Path scenario) {
        return new ArrayList<>(List.of(BundledFiles.copyInto(runDir, script).toString(),
                "--sipp", binary().toString(),
                "--local", localAddress,
                "--scenario", scenario.toString(),
                "--trace-dir", runDir.toString(),
                "--name", name));
    }

    /** Where a script run with {@code --trace-dir runDir --name name} wrote the SIPp command line it ran. */
    public static Path commandFile(Path runDir, String name) {
        return runDir.resolve(name + ".cmd");
    }

    /** The installed version, e.g. "3.6.1-SCTP-PCAP-RTPSTREAM", from {@code sipp -v}. */
    public static String version() {
        return ToolVersion.of(List.of(binary().toString(), "-v"), Pattern.compile("SIPp v(\\S+?)\\.?\\s"));
    }
}
