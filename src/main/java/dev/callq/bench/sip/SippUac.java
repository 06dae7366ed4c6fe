package dev.callq.bench.sip;

import dev.callq.bench.HarnessException;
import dev.callq.bench.env.ManagedProcess;
import dev.callq.bench.measure.LatencyRecorder;
import dev.callq.bench.measure.LatencySummary;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs the SIPp UAC (uac.xml) to completion: {@code calls} calls at {@code rateCps} through
 * Kamailio to the UAS, each held {@code holdMillis} between ACK and BYE. SIPp runs through
 * sipp-scenarios/uac.sh, the command a user runs by hand: this class passes the values and reads the files.
 */
public final class SippUac {
    private static final Pattern SAFE_PREFIX = Pattern.compile("[A-Za-z0-9._-]*");
    // A call whose INVITE or BYE gets no final reply fails after SIPp's UDP retransmissions
    // (timer B, 32 s); allow that plus a margin before declaring SIPp stuck.
    private static final Duration LAST_CALL_ALLOWANCE = Duration.ofSeconds(45);

    private SippUac() {
    }

    /** What one UAC run saw: SIPp's counts, the post-dial delays in microseconds and how calls were answered. */
    public record Outcome(SippStats stats, Histogram postDialDelayMicros, CallAnswers answers,
                          SessionMetrics sessionMetrics) {
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
        return run(runDir, route, scenario, rateCps, calls, holdMillis, callIdPrefix, lostPercent, false);
    }

    /**
     * As above; with {@code callNumberOnly} each Call-ID is the prefix and SIPp's call number alone
     * ({@code sip-3-17}), unique within this SIPp run only: a shard's sequence numbers, which the accounting
     * keeps as bit sets ({@link dev.callq.bench.measure.SequenceIds}). Otherwise the number, SIPp's pid and
     * the local address follow ({@code call-17-4242@127.0.0.1}), unique across runs.
     */
    public static Outcome run(Path runDir, SipRoute route, Path scenario, double rateCps, int calls,
                              long holdMillis, String callIdPrefix, double lostPercent, boolean callNumberOnly) {
        return run(runDir, route, scenario, rateCps, calls, holdMillis, callIdPrefix, lostPercent, callNumberOnly,
                new Stopper());
    }

    /**
     * As above; {@code stopper} can end the run early from another thread, and the run then returns what
     * SIPp counted until it stopped.
     */
    public static Outcome run(Path runDir, SipRoute route, Path scenario, double rateCps, int calls,
                              long holdMillis, String callIdPrefix, double lostPercent, boolean callNumberOnly,
                              Stopper stopper) {
        runDir = runDir.toAbsolutePath();
        validate(rateCps, calls, holdMillis, callIdPrefix);
        Path scenarioCopy = scenario == null ? BundledFiles.copyInto(runDir, BundledFiles.UAC_SCENARIO)
                : SippScenario.copyInto(runDir, scenario, SippScenario.Role.UAC);
        String label = label(callIdPrefix);
        // The names uac.sh gives its files after --name.
        Path statCsv = runDir.resolve(label + "-stats.csv");
        Path errorFile = runDir.resolve(label + "-errors.log");
        Path logFile = runDir.resolve(label + ".log");
        // The script removes its own stale files; this log is the harness's, and appended to.
        deleteStale(logFile);

        List<String> command = Sipp.scriptCommand(BundledFiles.UAC_SCRIPT, runDir, label, route.localAddress(),
                scenarioCopy);
        command.addAll(List.of(
                "--kamailio", route.kamailioHost() + ":" + route.kamailioPort(),
                "--uas", route.uasHost() + ":" + route.uasPort(),
                "--rate", plain(rateCps),
                "--calls", Integer.toString(calls),
                "--hold-ms", Long.toString(holdMillis),
                "--call-id-prefix", callIdPrefix));
        if (callNumberOnly) {
            command.add("--call-number-only");
        }
        if (lostPercent > 0) {
            command.addAll(List.of("--lost", plain(lostPercent)));
        }

        int exitCode;
        long pid;
        try (ManagedProcess process = ManagedProcess.start("sipp-uac", command, runDir, logFile)) {
            pid = process.pid();
            stopper.started(process);
            exitCode = process.waitFor(timeout(rateCps, calls, holdMillis));
            stopper.exited(exitCode);
        } finally {
            stopper.ended();
        }
        // Stopped on purpose (a part of the run died, or callq is stopping), SIPp's counts so far are the result.
        boolean stoppedOnPurpose = stopper.stopped() || ManagedProcess.shuttingDown();
        boolean failed = exitCode != Sipp.EXIT_ALL_SUCCEEDED && exitCode != Sipp.EXIT_SOME_FAILED && !stoppedOnPurpose;
        // Killed by a signal from outside, a watched UAC's counts so far are the result too: its watchdog names it.
        if (failed && !(stopper.watched && exitCode > Sipp.EXIT_BY_SIGNAL && Files.exists(statCsv))) {
            throw new HarnessException("sipp UAC failed (exit code " + exitCode + "); see " + logFile
                    + (Files.exists(errorFile) ? " and " + errorFile : ""));
        }
        if (!Files.exists(statCsv)) {
            throw new HarnessException("sipp UAC wrote no statistics to " + statCsv + "; see " + logFile);
        }
        SippStats stats = SippStats.parse(statCsv);
        Optional<Path> rtt = rttFile(runDir, pid);
        Histogram postDialDelay = responseTimes(rtt, PostDialDelay.TIMER);
        return new Outcome(stats, postDialDelay, CallAnswers.read(postDialDelay.getTotalCount(), errorFile, statCsv),
                sessionMetrics(scenario, stats, rtt, postDialDelay.getTotalCount(), errorFile,
                        sendLogFile(runDir, callIdPrefix)));
    }

    /** RFC 6076's metrics of the calls; null when the scenario does not time the INVITE's 200s. */
    private static SessionMetrics sessionMetrics(Path userScenario, SippStats stats, Optional<Path> rtt, long timed200s,
                                                 Path errorFile, Path sendLog) {
        // The 200s to INVITEs are counted by the timer the 200 stops: a user's scenario that times none, though
        // its calls succeeded, cannot tell them, and the ratios are then left out rather than shown as 0.
        if (userScenario != null && timed200s == 0 && stats.succeeded() > 0) {
            return null;
        }
        // Only uac.xml says what its timer 2 times (BYE -> 200); a user's scenario may use it for anything.
        Histogram disconnectDelay = userScenario == null ? responseTimes(rtt, PostDialDelay.DISCONNECT_TIMER) : null;
        LatencySummary sdd = disconnectDelay == null || disconnectDelay.getTotalCount() == 0 ? null
                : LatencySummary.of(disconnectDelay, 0);
        SessionRequestDelay srd = Files.exists(sendLog)
                ? SessionRequestDelay.read(sendLog, errorFile, userScenario != null) : null;
        return SessionMetrics.of(stats.attempted(), timed200s, CallAnswers.failureCodes(errorFile, "INVITE"),
                stats.succeeded(), srd, sdd);
    }

    /**
     * Ends a UAC run early from another thread: SIGTERM, on which SIPp stops at once and writes its last
     * statistics; SIGKILL when it has not gone after {@link #TERM_GRACE}, its counts then as of its last
     * statistics line (written every second).
     */
    public static final class Stopper {
        private static final Duration TERM_GRACE = Duration.ofSeconds(1);
        /** True when a watchdog asks {@link #endedWell()}: a UAC killed from outside then returns its counts so far. */
        private final boolean watched;
        private ManagedProcess running;
        private boolean stopped;
        /** Set once a UAC ended by itself with an exit code SIPp gives no finished run. */
        private boolean endedBadly;

        public Stopper() {
            this(false);
        }

        /** @param watched true when a watchdog asks {@link #endedWell()} (see {@link #watched}) */
        public Stopper(boolean watched) {
            this.watched = watched;
        }

        synchronized void exited(int exitCode) {
            endedBadly |= exitCode != Sipp.EXIT_ALL_SUCCEEDED && exitCode != Sipp.EXIT_SOME_FAILED && !stopped;
        }

        /**
         * False once a UAC died (killed from outside, or SIPp failed) rather than finished or was stopped;
         * true while it runs or before it starts. A watchdog's question: is this part alive or done well?
         */
        public synchronized boolean endedWell() {
            if (running != null && !running.isAlive()) {
                int exitCode = running.waitFor(Duration.ZERO);
                return stopped || exitCode == Sipp.EXIT_ALL_SUCCEEDED || exitCode == Sipp.EXIT_SOME_FAILED;
            }
            return !endedBadly;
        }

        synchronized void started(ManagedProcess process) {
            running = process;
            if (stopped) {
                process.signal("TERM");
            }
        }

        synchronized void ended() {
            running = null;
        }

        synchronized boolean stopped() {
            return stopped;
        }

        /** The running UAC, or null between runs. */
        public synchronized ManagedProcess running() {
            return running;
        }

        /** Stops the UAC running now, and any started after; returns once it has exited (bounded). */
        public void stop() {
            ManagedProcess process;
            synchronized (this) {
                stopped = true;
                process = running;
            }
            if (process == null) {
                return;
            }
            process.signal("TERM");
            if (!process.awaitExit(TERM_GRACE)) {
                process.killNow();
            }
        }
    }

    /** SIPp names its rtt file after the scenario and its pid, in its working folder; none when no call was timed. */
    private static Optional<Path> rttFile(Path runDir, long pid) {
        String suffix = "_" + pid + "_rtt.csv";
        try (Stream<Path> files = Files.list(runDir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).findFirst();
        } catch (IOException e) {
            throw new HarnessException("cannot list " + runDir + ": " + e.getMessage(), e);
        }
    }

    private static Histogram responseTimes(Optional<Path> rtt, String timer) {
        return rtt.map(file -> PostDialDelay.read(file, timer))
                .orElseGet(() -> new Histogram(LatencyRecorder.SIGNIFICANT_DIGITS));
    }

    /** Where {@link #run} writes "{@code <Call-ID> <INVITE sent, epoch micros>}" lines; read it with {@link SippSendLog}. */
    public static Path sendLogFile(Path runDir, String callIdPrefix) {
        return runDir.resolve(label(callIdPrefix) + "-invites.log");
    }

    /** Where {@link #run} keeps the SIPp command line uac.sh ran, to replay it. */
    public static Path commandFile(Path runDir, String callIdPrefix) {
        return Sipp.commandFile(runDir, label(callIdPrefix));
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

    /** A rerun with the same prefix must not mix with the last one. */
    private static void deleteStale(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new HarnessException("cannot remove stale " + file + ": " + e.getMessage(), e);
        }
    }

    /** The number as a user would type it: 100, not 100.0. */
    private static String plain(double value) {
        return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }
}
