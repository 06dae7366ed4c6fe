package dev.callq.bench.sip;

import dev.callq.bench.HarnessException;
import dev.callq.bench.env.FreePorts;
import dev.callq.bench.env.Pause;
import dev.callq.bench.env.ManagedProcess;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The SIPp UAS behind Kamailio (uas.xml), answering every call until closed; SIPp runs through
 * sipp-scenarios/uas.sh, the command a user runs by hand.
 */
public final class SippUas implements AutoCloseable {
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(10);
    /** Names the UAS's files in the run folder (uas.sh's --name): sipp-uas.log, -errors.log, .cmd. */
    public static final String NAME = "sipp-uas";

    private final ManagedProcess process;
    private final int port;
    private final Path errorFile;

    private SippUas(ManagedProcess process, int port, Path errorFile) {
        this.process = process;
        this.port = port;
        this.errorFile = errorFile;
    }

    /** Starts the bundled UAS on UDP 127.0.0.1:{@code port}; returns once the port is bound. */
    public static SippUas start(Path runDir, int port) {
        return start(runDir, FreePorts.LOOPBACK, port, null);
    }

    /**
     * Starts the UAS on UDP {@code localAddress:port}; returns once the port is bound.
     *
     * @param scenario the user's UAS scenario (checked with {@link SippScenario}), or null for uas.xml
     */
    public static SippUas start(Path runDir, String localAddress, int port, Path scenario) {
        runDir = runDir.toAbsolutePath();
        Path scenarioCopy = scenario == null ? BundledFiles.copyInto(runDir, BundledFiles.UAS_SCENARIO)
                : SippScenario.copyInto(runDir, scenario, SippScenario.Role.UAS);
        Path errorFile = runDir.resolve(NAME + "-errors.log");
        List<String> command = Sipp.scriptCommand(BundledFiles.UAS_SCRIPT, runDir, NAME, localAddress, scenarioCopy);
        command.addAll(List.of("--port", Integer.toString(port)));
        ManagedProcess process = ManagedProcess.start(NAME, command, runDir, runDir.resolve(NAME + ".log"));
        SippUas uas = new SippUas(process, port, errorFile);
        uas.awaitBound();
        return uas;
    }

    private void awaitBound() {
        long deadlineNanos = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadlineNanos) {
            if (!process.isAlive()) {
                close();
                throw new HarnessException("sipp UAS exited at start (port " + port + " taken?); see " + process.logFile());
            }
            if (UdpListeners.isBoundBy(process.pid(), port)) {
                return;
            }
            Pause.millis(20);
        }
        close();
        throw new HarnessException("sipp UAS did not bind UDP port " + port + " within "
                + STARTUP_TIMEOUT.toSeconds() + " s; see " + process.logFile());
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return process.logFile();
    }

    /** Unexpected messages the UAS saw, if any (the file exists only when there were some). */
    public Path errorFile() {
        return errorFile;
    }

    @Override
    public void close() {
        process.close();
    }

}
