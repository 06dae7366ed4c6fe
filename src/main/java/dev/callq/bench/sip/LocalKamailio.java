package dev.callq.bench.sip;


import dev.callq.bench.HarnessException;
import dev.callq.bench.env.Binaries;
import dev.callq.bench.env.FreePorts;
import dev.callq.bench.env.ManagedProcess;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Kamailio started in the foreground on 127.0.0.1 with a free UDP port, configured entirely
 * from the command line; its log, pid file and runtime dir live in the run folder.
 */
public final class LocalKamailio implements AutoCloseable {
    /** The line kamailio.cfg logs on every failed RPUSH. */
    static final String PUSH_FAILED_MARKER = "CALLQ_PUSH_FAILED";


    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(10);
    private static final int PRIVATE_MEMORY_MB = 8;

    private static final Duration KAMCMD_TIMEOUT = Duration.ofSeconds(10);
    // A unix socket path holds at most 107 bytes; a deep results folder falls back to a short temp dir.
    private static final int MAX_SOCKET_PATH_BYTES = 100;

    private volatile ManagedProcess process;
    private final int sipPort;
    private final Path ctlSocket;

    private LocalKamailio(ManagedProcess process, int sipPort, Path ctlSocket) {
        this.process = process;
        this.sipPort = sipPort;
        this.ctlSocket = ctlSocket;
    }

    /** Starts Kamailio and returns once it answers a SIP OPTIONS; its log is {@code runDir/kamailio.log}. */
    public static LocalKamailio start(Path runDir, KamailioSettings settings) {
        runDir = runDir.toAbsolutePath();
        Path binary = Binaries.require("kamailio", "kamailio kamailio-redis-modules");
        int sipPort = FreePorts.find();
        Path ctlSocket = ctlSocket(runDir);
        try (KamailioLogin login = KamailioLogin.write(settings.redis())) {
            List<String> command = command(binary, runDir, sipPort, ctlSocket, login.file(), settings);
            ManagedProcess process = ManagedProcess.start("kamailio", command, runDir, runDir.resolve("kamailio.log"));
            LocalKamailio kamailio = new LocalKamailio(process, sipPort, ctlSocket);
            kamailio.awaitReady();
            return kamailio;
        }
    }

    /**
     * Stops Kamailio (SIGTERM, then SIGKILL) and starts it again with the same settings on the same port
     * and ctl socket; returns once it answers a SIP OPTIONS. Its log goes on in the same file.
     */
    public synchronized void restart(KamailioSettings settings) {
        Path runDir = process.logFile().getParent();
        process.close();
        Path binary = Binaries.require("kamailio", "kamailio kamailio-redis-modules");
        try (KamailioLogin login = KamailioLogin.write(settings.redis())) {
            List<String> command = command(binary, runDir, sipPort, ctlSocket, login.file(), settings);
            process = ManagedProcess.start("kamailio", command, runDir, runDir.resolve("kamailio.log"));
            awaitReady();
        }
    }

    /** Where Kamailio's ctl module listens: in the run folder, unless its path is too long for a socket. */
    private static Path ctlSocket(Path runDir) {
        Path socket = runDir.resolve("kamailio-runtime").resolve("ctl.sock");
        if (socket.toString().getBytes(StandardCharsets.UTF_8).length <= MAX_SOCKET_PATH_BYTES) {
            return socket;
        }
        try {
            return Files.createTempDirectory("callq-kamailio-").resolve("ctl.sock");
        } catch (IOException e) {
            throw new HarnessException("cannot create a directory for Kamailio's ctl socket: " + e.getMessage(), e);
        }
    }

    static List<String> command(Path binary, Path runDir, int sipPort, Path ctlSocket, Path loginFile,
                                KamailioSettings settings) {
        Path config = settings.script() != null ? recordUserScript(runDir, settings.script())
                : BundledFiles.copyInto(runDir, BundledFiles.KAMAILIO_CFG);
        Path runtimeDir = runDir.resolve("kamailio-runtime");
        try {
            Files.createDirectories(runtimeDir);
        } catch (IOException e) {
            throw new HarnessException("cannot create " + runtimeDir + ": " + e.getMessage(), e);
        }
        List<String> command = new ArrayList<>(List.of(binary.toString(),
                "-f", config.toString(),
                "-DD", "-E",
                "-n", Integer.toString(settings.children()),
                "-m", Integer.toString(settings.sharedMemoryMb()),
                "-M", Integer.toString(PRIVATE_MEMORY_MB),
                "-w", runDir.toAbsolutePath().toString(),
                "-Y", runtimeDir.toAbsolutePath().toString(),
                "-P", runDir.resolve("kamailio.pid").toAbsolutePath().toString()));
        command.addAll(KamailioScript.defines(sipPort, ctlSocket, loginFile, settings));
        return List.copyOf(command);
    }

    /**
     * Copies the user's script into the run folder, so the run records what it ran, and returns the
     * original: Kamailio resolves the script's include_file paths from where it lives.
     */
    private static Path recordUserScript(Path runDir, Path script) {
        try {
            Files.copy(script, runDir.resolve(script.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new HarnessException("cannot copy " + script + " into " + runDir + ": " + e.getMessage(), e);
        }
        return script.toAbsolutePath();
    }

    private void awaitReady() {
        long deadlineNanos = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadlineNanos) {
            if (!process.isAlive()) {
                close();
                throw new HarnessException("kamailio exited at start" + moduleHint() + "; see " + process.logFile());
            }
            if (SipOptionsProbe.answers200(FreePorts.LOOPBACK, sipPort, Duration.ofMillis(200))) {
                return;
            }
        }
        close();
        throw new HarnessException("kamailio did not answer SIP OPTIONS within " + STARTUP_TIMEOUT.toSeconds()
                + " s; see " + process.logFile());
    }

    /** Debian ships ndb_redis apart from kamailio; say so when that is why it stopped. */
    private String moduleHint() {
        try {
            String log = Files.readString(process.logFile(), StandardCharsets.UTF_8);
            return log.contains("could not find module <ndb_redis>")
                    ? " (ndb_redis missing: sudo apt-get install -y kamailio-redis-modules)" : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** The UDP port Kamailio listens on, on 127.0.0.1. */
    public int sipPort() {
        return sipPort;
    }

    /** The pid of the main (attendant) process; the SIP workers are its children. */
    public long pid() {
        return process.pid();
    }

    /** False once Kamailio's main process has exited (it exits when any of its own processes dies). */
    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return process.logFile();
    }

    /** RPUSHes that failed (Redis down, timeout, error reply) so far, each answered with a 500. */
    public long pushFailures() {
        try (Stream<String> lines = Files.lines(process.logFile(), StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.contains(PUSH_FAILED_MARKER)).count();
        } catch (IOException e) {
            throw new HarnessException("cannot read " + process.logFile() + ": " + e.getMessage(), e);
        }
    }

    /** See {@link #sipProcessesKilled()}. */
    private int sipProcessesKilled;

    /**
     * Reads Kamailio's counters over its ctl socket and saves kamcmd's output in {@code file}; empty when the
     * script opened no ctl socket (the file then says so).
     */
    public Optional<KamailioCounters> counters(Path file) {
        return counters(file, false);
    }

    /** @param scriptOnly the script's counters alone (no shmem group, no tm.stats): see {@link #countersBeforeStop} */
    private Optional<KamailioCounters> counters(Path file, boolean scriptOnly) {
        try {
            if (!Files.exists(ctlSocket)) {
                Files.writeString(file, "# no ctl socket at " + ctlSocket + ": the script does not load ctl with "
                        + "CTL_SOCKET, so Kamailio's counters are not known\n");
                return Optional.empty();
            }
            Files.writeString(file, "");
            if (scriptOnly) {
                kamcmd(file, "# kamcmd stats.get_statistics script:", "stats.get_statistics", "script:");
            } else {
                kamcmd(file, "# kamcmd stats.get_statistics all", "stats.get_statistics", "all");
                kamcmd(file, KamailioCounters.TM_STATS_HEADER, "tm.stats");
            }
            return Optional.of(KamailioCounters.parse(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new HarnessException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The counters of a Kamailio about to be stopped, read with its SIP processes frozen. A call handled
     * between a read and the stop would push an event that neither this Kamailio's counters nor the next
     * one's hold (about three at 100 calls/s, shown as unexpected events). So every child but the ctl
     * handler, which answers the read, is stopped (SIGSTOP) before it and killed after it; {@link #restart}
     * then stops the rest. A push caught between its send and its count could still land uncounted, in a
     * window of microseconds instead of milliseconds. Only the script's counters are read: the statistics'
     * shmem group takes the shared-memory lock, which a frozen process may hold (the read then never
     * returns). {@code file} gets the counters, and a {@code .processes} file beside it the process list.
     */
    public Optional<KamailioCounters> countersBeforeStop(Path file) {
        List<ProcessHandle> frozen = freezeSipProcesses(file.resolveSibling(file.getFileName() + ".processes"));
        try {
            return counters(file, true);
        } finally {
            frozen.forEach(ProcessHandle::destroyForcibly);
            sipProcessesKilled += frozen.size();
        }
    }

    /**
     * The SIP processes killed so far by {@link #countersBeforeStop}: each may have been waiting on a push it had
     * sent, which Redis counted and the script never did, as a push whose reply failed.
     */
    public int sipProcessesKilled() {
        return sipProcessesKilled;
    }

    /** Stops (SIGSTOP) every child of Kamailio's main process but the ctl handler; returns them. */
    private List<ProcessHandle> freezeSipProcesses(Path processList) {
        if (!Files.exists(ctlSocket)) {
            return List.of();
        }
        List<ProcessHandle> children = new ArrayList<>();
        try {
            Files.writeString(processList, "");
            kamcmd(processList, "# kamcmd core.psx", "core.psx");
            String pid = null;
            for (String line : Files.readAllLines(processList, StandardCharsets.UTF_8)) {
                String field = line.strip();
                if (field.startsWith("PID:")) {
                    pid = field.substring(4).strip();
                } else if (field.startsWith("DSC:") && pid != null && !field.contains("ctl handler")) {
                    ProcessHandle.of(Long.parseLong(pid))
                            .filter(child -> child.parent().map(ProcessHandle::pid).orElse(-1L) == pid())
                            .ifPresent(children::add);
                }
            }
            if (!children.isEmpty()) {
                // kill reports a failure when one of them is already gone; a process gone pushes nothing either.
                ManagedProcess.signal("STOP", children.stream().map(ProcessHandle::pid).toList(),
                        "Kamailio's SIP processes");
            }
            return children;
        } catch (IOException e) {
            throw new HarnessException("cannot freeze Kamailio's SIP processes: " + e.getMessage(), e);
        }
    }

    private void kamcmd(Path file, String header, String... rpc) throws IOException {
        Files.writeString(file, header + "\n", StandardOpenOption.APPEND);
        List<String> command = new ArrayList<>(List.of(Binaries.require("kamcmd", "kamailio").toString(),
                "-s", "unix:" + ctlSocket));
        command.addAll(List.of(rpc));
        try (ManagedProcess kamcmd = ManagedProcess.start("kamcmd", command, file.getParent(), file)) {
            int exitCode = kamcmd.waitFor(KAMCMD_TIMEOUT);
            if (exitCode != 0) {
                throw new HarnessException("kamcmd " + String.join(" ", rpc) + " exited with " + exitCode + "; see " + file);
            }
        }
    }

    /** The pushes the script reported failed after line {@code fromLine}, by method and Call-ID. */
    public FailedPushes pushFailuresSince(int fromLine) {
        List<String> lines = logLines();
        return FailedPushes.parse(lines.subList(Math.min(fromLine, lines.size()), lines.size()));
    }

    /** Lines in Kamailio's log so far: a mark for {@link #errorsSince}. */
    public int logLineCount() {
        return logLines().size();
    }

    /** Kamailio's errors logged after line {@code fromLine}, with the script's relay timeouts if it counts them. */
    public KamailioErrors errorsSince(int fromLine, Long relayTimeouts) {
        List<String> lines = logLines();
        return KamailioErrors.count(lines.subList(Math.min(fromLine, lines.size()), lines.size()), relayTimeouts);
    }

    private List<String> logLines() {
        try {
            // Kamailio may write anything a script logs; a malformed byte must not stop the count.
            return new String(Files.readAllBytes(process.logFile()), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new HarnessException("cannot read " + process.logFile() + ": " + e.getMessage(), e);
        }
    }

    /** The installed version, e.g. "5.6.3", from {@code kamailio -v}. */
    public static String version() {
        Path binary = Binaries.require("kamailio", "kamailio kamailio-redis-modules");
        return ToolVersion.of(List.of(binary.toString(), "-v"), Pattern.compile("version: kamailio (\\S+)"));
    }

    /** Stops Kamailio and its worker processes. */
    @Override
    public void close() {
        process.close();
        boolean inTempDir = !ctlSocket.startsWith(process.logFile().getParent());
        if (inTempDir) {
            try {
                Files.deleteIfExists(ctlSocket);
                Files.deleteIfExists(ctlSocket.getParent());
            } catch (IOException ignored) {
                // A leftover empty temp dir is harmless.
            }
        }
    }
}
