package dev.callq.bench.sip;

import dev.callq.bench.HarnessException;
import dev.callq.bench.env.ManagedProcess;
import dev.callq.bench.measure.LatencyRecorder;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs the SIPp UAC (uac.xml) to completion: {@code calls} calls at {@code rateCps} through
 * Kamailio to the UAS, each held {@code holdMillis} between ACK and BYE.
 */
public final class SippUac {
    private static final Pattern SAFE_PREFIX = Pattern.compile("[A-Za-z0-9._-]*");
    // A call whose INVITE or BYE gets no final reply fails after SIPp's UDP retransmissions
    // (timer B, 32 s); allow that plus a margin before declaring SIPp stuck.
    private static final Duration LAST_CALL_ALLOWANCE = Duration.ofSeconds(45);
    private static final int MIN_CONCURRENT_CALLS = 10;

    private SippUac() {
    }

    /** What one UAC run saw: SIPp's counts, the post-dial delays in microseconds and how calls were answered. */
    public record Outcome(SippStats stats, Histogram postDialDelayMicros, CallAnswers answers) {
    }

    /** The bundled scenario on loopback, returning SIPp's counts; see {@link #run(Path, SipRoute, Path, double, int, long, String)}. */
    public static SippStats run(Path runDir, int kamailioPort, int uasPort, double rateCps, int calls,
                                long holdMillis, String callIdPrefix) {
        return run(runDir, SipRoute.loopback(kamailioPort, uasPort), null, rateCps, calls, holdMillis, callIdPrefix)
                .stats();
    }

    /**
     * Runs the calls and returns what SIPp saw. Failed calls are a result; only a SIPp that
     * cannot run (bad option, cannot bind, killed) is a {@link HarnessException}.
     *
     * @param scenario     the user's UAC scenario (checked with {@link SippScenario}), or null for uac.xml
     * @param callIdPrefix starts every Call-ID ("warmup-" tells warm-up calls apart); letters,
     *                     digits, '.', '_' and '-' only. It also names this run's files.
     */
    public static Outcome run(Path runDir, SipRoute route, Path scenario, double rateCps, int calls,
                              long holdMillis, String callIdPrefix) {
        return run(runDir, route, scenario, rateCps, calls, holdMillis, callIdPrefix, 0);
    }

    /**
     * As above, the UAC dropping {@code lostPercent} of the messages it receives (SIPp's {@code -lost}), so
     * that both ends retransmit as over a lossy network.
     */
    public static Outcome run(Path runDir, SipRoute route, Path scenario, double rateCps, int calls,
                              long holdMillis, String callIdPrefix, double lostPercent) {
        runDir = runDir.toAbsolutePath();
        validate(rateCps, calls, holdMillis, callIdPrefix);
        Path binary = Sipp.binary();
        Path scenarioCopy = scenario == null ? BundledFiles.copyInto(runDir, BundledFiles.UAC_SCENARIO)
                : SippScenario.copyInto(runDir, scenario, SippScenario.Role.UAC);
        String label = label(callIdPrefix);
        Path statCsv = runDir.resolve(label + "-stats.csv");
        Path sendLog = sendLogFile(runDir, callIdPrefix);
        Path errorFile = runDir.resolve(label + "-errors.log");
        Path logFile = runDir.resolve(label + ".log");
        deleteStale(List.of(statCsv, sendLog, errorFile, logFile));

        List<String> command = new ArrayList<>(List.of(binary.toString(),
                route.uasHost() + ":" + route.uasPort(),
                "-sf", scenarioCopy.toString(),
                "-rsa", route.kamailioHost() + ":" + route.kamailioPort()));
        command.addAll(Sipp.commonOptions(route.localAddress()));
        command.addAll(List.of(
                "-m", Integer.toString(calls),
                "-r", new BigDecimal(Double.toString(rateCps)).stripTrailingZeros().toPlainString(),
                "-rp", "1000",
                "-l", Long.toString(concurrentCallLimit(rateCps, holdMillis)),
                "-d", Long.toString(holdMillis),
                "-cid_str", callIdPrefix + "%u-%p@%s",
                "-trace_logs", "-log_file", sendLog.toString(),
                "-trace_stat", "-stf", statCsv.toString(), "-fd", "1",
                // Every call's response times, written as they come: SIPp writes the file only every
                // -rtt_freq calls and never flushes the rest at exit.
                "-trace_rtt", "-rtt_freq", "1",
                "-trace_err", "-error_file", errorFile.toString()));
        if (lostPercent > 0) {
            command.addAll(List.of("-lost", new BigDecimal(Double.toString(lostPercent)).stripTrailingZeros()
                    .toPlainString()));
        }

        int exitCode;
        long pid;
        try (ManagedProcess process = ManagedProcess.start("sipp-uac", command, runDir, logFile)) {
            pid = process.pid();
            exitCode = process.waitFor(timeout(rateCps, calls, holdMillis));
        }
        if (exitCode != Sipp.EXIT_ALL_SUCCEEDED && exitCode != Sipp.EXIT_SOME_FAILED) {
            throw new HarnessException("sipp UAC failed (exit code " + exitCode + "); see " + logFile
                    + (Files.exists(errorFile) ? " and " + errorFile : ""));
        }
        if (!Files.exists(statCsv)) {
            throw new HarnessException("sipp UAC wrote no statistics to " + statCsv + "; see " + logFile);
        }
        SippStats stats = SippStats.parse(statCsv);
        Histogram postDialDelay = responseTimes(runDir, pid);
        return new Outcome(stats, postDialDelay, CallAnswers.read(postDialDelay.getTotalCount(), errorFile, statCsv));
    }

    /** SIPp names its rtt file after the scenario and its pid, in its working folder; none when no call was timed. */
    private static Histogram responseTimes(Path runDir, long pid) {
        String suffix = "_" + pid + "_rtt.csv";
        try (Stream<Path> files = Files.list(runDir)) {
            Optional<Path> rtt = files.filter(f -> f.getFileName().toString().endsWith(suffix)).findFirst();
            return rtt.map(PostDialDelay::read).orElseGet(() -> new Histogram(LatencyRecorder.SIGNIFICANT_DIGITS));
        } catch (IOException e) {
            throw new HarnessException("cannot list " + runDir + ": " + e.getMessage(), e);
        }
    }

    /** Where {@link #run} writes "{@code <Call-ID> <INVITE sent, epoch micros>}" lines; read it with {@link SippSendLog}. */
    public static Path sendLogFile(Path runDir, String callIdPrefix) {
        return runDir.resolve(label(callIdPrefix) + "-invites.log");
    }

    /**
     * SIPp stops starting calls while {@code -l} calls are open, silently lowering the rate:
     * allow twice the calls a steady state holds (rate × (hold + 1 s for setup and teardown)).
     */
    static long concurrentCallLimit(double rateCps, long holdMillis) {
        double steadyStateCalls = rateCps * (holdMillis + 1000) / 1000.0;
        return Math.max(MIN_CONCURRENT_CALLS, (long) Math.ceil(2 * steadyStateCalls));
    }

    static Duration timeout(double rateCps, int calls, long holdMillis) {
        long sendingMillis = (long) Math.ceil(calls * 1000.0 / rateCps);
        return Duration.ofMillis(sendingMillis + holdMillis).plus(LAST_CALL_ALLOWANCE);
    }

    private static String label(String callIdPrefix) {
        String trimmed = callIdPrefix.replaceAll("[-._]+$", "");
        return trimmed.isEmpty() ? "sipp-uac" : "sipp-uac-" + trimmed;
    }

    private static void validate(double rateCps, int calls, long holdMillis, String callIdPrefix) {
        if (!(rateCps > 0) || calls <= 0 || holdMillis < 0) {
            throw new HarnessException("SIPp UAC needs rateCps > 0, calls > 0 and holdMillis >= 0; got "
                    + rateCps + ", " + calls + ", " + holdMillis);
        }
        if (callIdPrefix == null || !SAFE_PREFIX.matcher(callIdPrefix).matches()) {
            throw new HarnessException("Call-ID prefix may hold only letters, digits, '.', '_' and '-': " + callIdPrefix);
        }
    }

    /** SIPp appends to its log files; a rerun with the same prefix must not mix with the last one. */
    private static void deleteStale(List<Path> files) {
        for (Path file : files) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new HarnessException("cannot remove stale " + file + ": " + e.getMessage(), e);
            }
        }
    }
}
