package dev.callq.bench.sip;

import dev.callq.bench.HarnessException;
import dev.callq.bench.env.Binaries;
import dev.callq.bench.env.ManagedProcess;
import dev.callq.bench.event.PayloadFormat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The contract a Kamailio script follows to run under the harness, and the check of a user's script
 * against it before a run. The contract is written out at the top of {@code kamailio/kamailio.cfg}, its
 * worked example, and in docs/own-system.md ("Your own Kamailio script").
 */
public final class KamailioScript {
    /** Names a script must use: without them the harness cannot give it its SIP port and its Redis. */
    static final List<String> REQUIRED = List.of("SIP_PORT", "REDIS_HOST", "REDIS_PORT");
    /** Names a script must use when Redis has a password: ndb_redis's only way to it. */
    static final List<String> LOGIN = List.of("REDIS_LOGIN_FILE", "REDIS_PASS");

    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(30);
    // kamailio -c only parses: the port is not bound and the socket not opened.
    private static final int CHECK_SIP_PORT = 5060;

    private KamailioScript() {
    }

    /**
     * What the harness passes to every script, the same for {@code kamailio -c} and for the run: the
     * {@code -A} defines and the {@code --substdef} values (substdef where the value must reach a string,
     * which the preprocessor does not expand defines in).
     */
    static List<String> defines(int sipPort, Path ctlSocket, Path loginFile, KamailioSettings settings) {
        List<String> defines = new ArrayList<>(List.of(
                "-A", "SIP_PORT=" + sipPort,
                "--substdef=!REDIS_HOST!" + settings.redis().host() + "!g",
                "--substdef=!REDIS_PORT!" + settings.redis().port() + "!g",
                "--substdef=!QUEUE_KEY!" + settings.listKey() + "!g",
                "--substdef=!CTL_SOCKET!unix:" + ctlSocket + "!g",
                "--substdef=!REDIS_DB!" + settings.redis().database() + "!g",
                // The password itself only in this file (see KamailioLogin), never on the command line.
                "--substdef=!REDIS_LOGIN_FILE!" + loginFile + "!g"));
        if (settings.ndbRedisSentinelSpec() != null) {
            defines.add("--substdef=!REDIS_SENTINELS!" + settings.ndbRedisSentinelSpec() + "!g");
        }
        if (settings.payloadFormat() == PayloadFormat.CALLID) {
            defines.addAll(List.of("-A", "PAYLOAD_CALLID"));
        }
        if (settings.events().includesBye()) {
            defines.addAll(List.of("-A", "ENQUEUE_BYE"));
        }
        return List.copyOf(defines);
    }

    /**
     * Checks the user's script in {@code settings}: it uses every required name and passes
     * {@code kamailio -c} with the harness's defines. Fails with one line naming what is wrong; the
     * checker's full output is in {@code workDir/kamailio-check.log}.
     */
    public static void check(KamailioSettings settings, Path workDir) {
        Path script = settings.script();
        if (!Files.isRegularFile(script)) {
            throw new HarnessException("--kamailio-cfg " + script + ": no such file");
        }
        String text;
        try {
            text = Files.readString(script, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new HarnessException("--kamailio-cfg " + script + ": cannot read it (" + e.getMessage() + ")", e);
        }
        List<String> missing = REQUIRED.stream().filter(name -> !usesName(text, name)).toList();
        if (!missing.isEmpty()) {
            throw new HarnessException("--kamailio-cfg " + script + " never uses " + String.join(", ", missing)
                    + ": the harness passes the SIP port and the Redis address through them (see \"Your own "
                    + "Kamailio script\" in docs/own-system.md)");
        }
        List<String> loginMissing = LOGIN.stream().filter(name -> !usesName(text, name)).toList();
        if (settings.redis().hasPassword() && !loginMissing.isEmpty()) {
            throw new HarnessException("--kamailio-cfg " + script + " never uses " + String.join(", ", loginMissing)
                    + ", but Redis has a password: import_file \"REDIS_LOGIN_FILE\" and put pass=REDIS_PASS in "
                    + "the ndb_redis server spec (see kamailio/kamailio.cfg)");
        }
        if (settings.redis().database() != 0 && !usesName(text, "REDIS_DB")) {
            throw new HarnessException("--kamailio-cfg " + script + " never uses REDIS_DB, but --redis names database "
                    + settings.redis().database() + ": put db=REDIS_DB in the ndb_redis server spec");
        }
        Path log = workDir.resolve("kamailio-check.log");
        List<String> command = new ArrayList<>(List.of(
                Binaries.require("kamailio", "kamailio kamailio-redis-modules").toString(), "-c", "-f", script.toString()));
        int exitCode;
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new HarnessException("cannot replace " + log + ": " + e.getMessage(), e);
        }
        // The check parses the password branch too, with a stand-in: its command line is the run's, its log in the results.
        try (KamailioLogin login = KamailioLogin.write(settings.redis(), "checking");
             ManagedProcess check = ManagedProcess.start("kamailio -c", withDefines(command, login, workDir, settings),
                     workDir, log)) {
            exitCode = check.waitFor(CHECK_TIMEOUT);
        }
        if (exitCode != 0) {
            throw new HarnessException("--kamailio-cfg " + script + " fails kamailio -c: " + firstError(log)
                    + " (see " + log + ")");
        }
    }

    private static List<String> withDefines(List<String> command, KamailioLogin login, Path workDir,
                                            KamailioSettings settings) {
        List<String> all = new ArrayList<>(command);
        all.addAll(defines(CHECK_SIP_PORT, workDir.resolve("kamailio-check-ctl.sock"), login.file(), settings));
        return all;
    }

    /** True when a line that is not a comment mentions {@code name}; {@code #!} directives count. */
    private static boolean usesName(String text, String name) {
        return text.lines()
                .map(String::strip)
                .filter(line -> !line.startsWith("#") || line.startsWith("#!"))
                .anyMatch(line -> line.contains(name));
    }

    /** The checker's first error, without its process and source-file prefix. */
    private static String firstError(Path log) {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .filter(line -> line.contains("CRITICAL:") || line.contains("ERROR:"))
                    .findFirst()
                    .map(line -> line.replaceFirst("^.*?(CRITICAL|ERROR):( <[^>]*> \\[[^]]*\\]:)?\\s*", "")
                            .replaceFirst("^\\w+\\(\\): ", ""))
                    .orElse("exit code without an error line");
        } catch (IOException e) {
            return "its output is unreadable (" + e.getMessage() + ")";
        }
    }
}
