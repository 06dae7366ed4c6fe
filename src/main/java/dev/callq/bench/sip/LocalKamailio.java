package dev.callq.bench.sip;

import dev.callq.bench.event.PayloadFormat;

import dev.callq.bench.HarnessException;
import dev.callq.bench.env.Binaries;
import dev.callq.bench.env.FreePorts;
import dev.callq.bench.env.ManagedProcess;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Kamailio started in the foreground on 127.0.0.1 with a free UDP port, configured entirely
 * from the command line; its log, pid file and runtime dir live in the run folder.
 */
public final class LocalKamailio implements AutoCloseable {
    /** The line kamailio.cfg logs on every failed RPUSH. */
    static final String PUSH_FAILED_MARKER = "CALLQ_PUSH_FAILED";

    /** Where kamailio.cfg imports the Redis password from, beside itself. */
    static final String LOGIN_FILE = "redis-login.cfg";

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(10);
    // A few SIP workers: ndb_redis blocks a worker for each RPUSH, so one is not enough, and
    // more than the cores the benchmark leaves to Kamailio only adds context switches.
    private static final int SIP_WORKERS = 4;
    private static final int SHARED_MEMORY_MB = 64;
    private static final int PRIVATE_MEMORY_MB = 8;

    private final ManagedProcess process;
    private final int sipPort;

    private LocalKamailio(ManagedProcess process, int sipPort) {
        this.process = process;
        this.sipPort = sipPort;
    }

    /** Starts Kamailio and returns once it answers a SIP OPTIONS; its log is {@code runDir/kamailio.log}. */
    public static LocalKamailio start(Path runDir, KamailioSettings settings) {
        runDir = runDir.toAbsolutePath();
        Path binary = Binaries.require("kamailio", "kamailio kamailio-redis-modules");
        int sipPort = FreePorts.find();
        List<String> command = command(binary, runDir, sipPort, settings);
        Path login = writeLogin(runDir, settings);
        try {
            ManagedProcess process = ManagedProcess.start("kamailio", command, runDir, runDir.resolve("kamailio.log"));
            LocalKamailio kamailio = new LocalKamailio(process, sipPort);
            kamailio.awaitReady();
            return kamailio;
        } finally {
            // Kamailio reads its config once, at start; the password must not stay in the results.
            deleteLogin(login);
        }
    }

    /**
     * The Redis password for kamailio.cfg's {@code import_file "redis-login.cfg"}: in a file only its
     * owner reads rather than on the command line, where every user of the machine sees it.
     */
    private static Path writeLogin(Path runDir, KamailioSettings settings) {
        Path login = runDir.resolve(LOGIN_FILE);
        try {
            Files.deleteIfExists(login);
            if (!settings.redis().hasPassword()) {
                return login;
            }
            Files.createFile(login, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(login, "#!substdef \"!REDIS_PASS!" + settings.redis().password() + "!g\"\n",
                    StandardCharsets.UTF_8);
            return login;
        } catch (IOException e) {
            throw new HarnessException("cannot write " + login + ": " + e.getMessage(), e);
        }
    }

    private static void deleteLogin(Path login) {
        try {
            Files.deleteIfExists(login);
        } catch (IOException e) {
            throw new HarnessException("cannot delete " + login + ", which holds the Redis password: "
                    + e.getMessage(), e);
        }
    }

    static List<String> command(Path binary, Path runDir, int sipPort, KamailioSettings settings) {
        Path config = BundledFiles.copyInto(runDir, BundledFiles.KAMAILIO_CFG);
        Path runtimeDir = runDir.resolve("kamailio-runtime");
        try {
            Files.createDirectories(runtimeDir);
        } catch (IOException e) {
            throw new HarnessException("cannot create " + runtimeDir + ": " + e.getMessage(), e);
        }
        List<String> command = new ArrayList<>(List.of(binary.toString(),
                "-f", config.toString(),
                "-DD", "-E",
                "-n", Integer.toString(SIP_WORKERS),
                "-m", Integer.toString(SHARED_MEMORY_MB),
                "-M", Integer.toString(PRIVATE_MEMORY_MB),
                "-w", runDir.toAbsolutePath().toString(),
                "-Y", runtimeDir.toAbsolutePath().toString(),
                "-P", runDir.resolve("kamailio.pid").toAbsolutePath().toString(),
                "-A", "SIP_PORT=" + sipPort,
                "--substdef=!REDIS_HOST!" + settings.redis().host() + "!g",
                "--substdef=!REDIS_PORT!" + settings.redis().port() + "!g",
                "--substdef=!QUEUE_KEY!" + settings.listKey() + "!g",
                "--substdef=!REDIS_DB!" + settings.redis().database() + "!g"));
        if (settings.payloadFormat() == PayloadFormat.CALLID) {
            command.add("-A");
            command.add("PAYLOAD_CALLID");
        }
        return List.copyOf(command);
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

    /** The installed version, e.g. "5.6.3", from {@code kamailio -v}. */
    public static String version() {
        Path binary = Binaries.require("kamailio", "kamailio kamailio-redis-modules");
        return ToolVersion.of(List.of(binary.toString(), "-v"), Pattern.compile("version: kamailio (\\S+)"));
    }

    /** Stops Kamailio and its worker processes. */
    @Override
    public void close() {
        process.close();
    }
}
