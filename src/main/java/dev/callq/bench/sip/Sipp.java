package dev.callq.bench.sip;

import dev.callq.bench.env.Binaries;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/** Where SIPp comes from and what every SIPp instance of the harness shares. */
public final class Sipp {
    /** SIPp's exit codes (sipp(1)): all calls succeeded, or at least one failed. */
    static final int EXIT_ALL_SUCCEEDED = 0;
    static final int EXIT_SOME_FAILED = 1;

    private Sipp() {
    }

    static Path binary() {
        return Binaries.require("sipp", "sip-tester");
    }

    /** Options of every instance: UDP, one socket, bound to {@code localAddress}, no keyboard (it runs as a child without a terminal). */
    static List<String> commonOptions(String localAddress) {
        return List.of("-i", localAddress, "-t", "u1", "-nostdin");
    }

    /** The installed version, e.g. "3.6.1-SCTP-PCAP-RTPSTREAM", from {@code sipp -v}. */
    public static String version() {
        return ToolVersion.of(List.of(binary().toString(), "-v"), Pattern.compile("SIPp v(\\S+?)\\.?\\s"));
    }
}
