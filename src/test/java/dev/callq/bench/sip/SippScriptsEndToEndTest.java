package dev.callq.bench.sip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callq.bench.env.FreePorts;
import dev.callq.bench.env.LocalRedis;
import dev.callq.bench.env.ManagedProcess;
import dev.callq.bench.env.Pause;
import dev.callq.bench.event.PayloadFormat;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.callq.bench.sip.SippScriptsTest.UAC_SCRIPT;
import static dev.callq.bench.sip.SippScriptsTest.UAS_SCRIPT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * uas.sh and uac.sh against the bundled Kamailio and a redis-server: run by themselves, as a user runs them,
 * and run by the harness, which must run exactly what the scripts build.
 */
@Tag("processes")
class SippScriptsEndToEndTest {
    private static final String KEY = "callq:events";
    private static final int CALLS = 200;
    private static final Duration UAC_TIMEOUT = Duration.ofSeconds(60);

    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void scriptsByThemselvesCompleteEveryCallAndKamailioPushesAnInviteAndAByeForEach() throws Exception {
        int uasPort = FreePorts.find();
        try (LocalRedis redis = LocalRedis.start(dir);
             LocalKamailio kamailio = LocalKamailio.start(dir, new KamailioSettings(redis.endpoint(), KEY, PayloadFormat.JSON));
             ManagedProcess uas = startUasScript(uasPort)) {

            int exitCode;
            try (ManagedProcess uac = ManagedProcess.start("uac.sh", List.of(UAC_SCRIPT.toString(),
                    "--kamailio", "127.0.0.1:" + kamailio.sipPort(), "--uas", "127.0.0.1:" + uasPort,
                    "--rate", "100", "--calls", Integer.toString(CALLS), "--trace-dir", dir.resolve("uac").toString()),
                    dir, dir.resolve("uac.out"))) {
                exitCode = uac.waitFor(UAC_TIMEOUT);
            }

            String screen = Files.readString(dir.resolve("uac.out"));
            assertThat(exitCode).as(screen).isZero();
            // SIPp's own final statistics screen, as it prints it when it ends.
            assertThat(screen).contains("Statistics Screen").containsPattern("Successful call +\\| +0 +\\| +" + CALLS + " ");
            SippStats stats = SippStats.parse(dir.resolve("uac/sipp-uac-stats.csv"));
            assertThat(stats.attempted()).isEqualTo(CALLS);
            assertThat(stats.succeeded()).isEqualTo(CALLS);
            assertThat(stats.failed()).isZero();

            Map<String, List<String>> kindsByCallId = new HashMap<>();
            for (String payload : RedisList.readAll(redis.endpoint(), KEY)) {
                JsonNode event = json.readTree(payload);
                kindsByCallId.computeIfAbsent(required(event, "callId"), id -> new ArrayList<>()).add(required(event, "kind"));
            }
            assertThat(kindsByCallId).hasSize(CALLS);
            assertThat(kindsByCallId.values()).allSatisfy(kinds -> assertThat(kinds).containsExactly("INVITE", "BYE"));
            assertThat(kamailio.pushFailures()).isZero();
        }
    }

    @Test
    void stepsRunOneUacPerRateAndSayWhatEachStepDid() throws Exception {
        int uasPort = FreePorts.find();
        try (LocalRedis redis = LocalRedis.start(dir);
             LocalKamailio kamailio = LocalKamailio.start(dir, new KamailioSettings(redis.endpoint(), KEY, PayloadFormat.JSON));
             ManagedProcess uas = startUasScript(uasPort)) {

            int exitCode;
            try (ManagedProcess steps = ManagedProcess.start("steps.sh", List.of(SippScriptsTest.STEPS_SCRIPT.toString(),
                    "--from", "50", "--to", "100", "--step", "50", "--seconds", "1", "--trace-dir", dir.resolve("uac").toString(),
                    "--", "--kamailio", "127.0.0.1:" + kamailio.sipPort(), "--uas", "127.0.0.1:" + uasPort),
                    dir, dir.resolve("steps.out"))) {
                exitCode = steps.waitFor(UAC_TIMEOUT);
            }

            String output = Files.readString(dir.resolve("steps.out"));
            assertThat(exitCode).as(output).isZero();
            assertThat(output.lines().filter(line -> line.startsWith("steps.sh: ")).toList()).containsExactly(
                    "steps.sh: 50 calls/s for 1 s: 50 calls, 50 succeeded, 0 failed (SIPp exit code 0)",
                    "steps.sh: 100 calls/s for 1 s: 100 calls, 100 succeeded, 0 failed (SIPp exit code 0)");
            assertThat(RedisList.readAll(redis.endpoint(), KEY)).hasSize(2 * 150);
        }
    }

    @Test
    void theHarnessRunsTheSippCommandsTheScriptsBuildForItsValues() throws Exception {
        int calls = 20;
        try (LocalRedis redis = LocalRedis.start(dir);
             LocalKamailio kamailio = LocalKamailio.start(dir, new KamailioSettings(redis.endpoint(), KEY, PayloadFormat.JSON));
             SippUas uas = SippUas.start(dir, FreePorts.find())) {
            SippUac.Outcome outcome = SippUac.run(dir, SipRoute.loopback(kamailio.sipPort(), uas.port()), null, 50, calls,
                    100, "call-");

            assertThat(outcome.stats().succeeded()).isEqualTo(calls);
            // SIPp names its rtt file after its pid: found, so the process the harness started is SIPp itself.
            assertThat(outcome.postDialDelayMicros().getTotalCount()).isEqualTo(calls);
            assertThat(Files.isExecutable(dir.resolve("uac.sh"))).isTrue();
            assertThat(dir.resolve("uac.sh")).hasSameTextualContentAs(UAC_SCRIPT);

            String sipp = Sipp.binary().toString();
            String uacBuilt = SippScriptsTest.script("uac.sh", "--print-command", "--sipp", sipp,
                    "--kamailio", "127.0.0.1:" + kamailio.sipPort(), "--uas", "127.0.0.1:" + uas.port(),
                    "--local", "127.0.0.1", "--rate", "50", "--calls", Integer.toString(calls), "--hold-ms", "100",
                    "--call-id-prefix", "call-", "--scenario", dir.resolve("uac.xml").toString(),
                    "--trace-dir", dir.toString(), "--name", "sipp-uac-call").stdout();
            String uasBuilt = SippScriptsTest.script("uas.sh", "--print-command", "--sipp", sipp,
                    "--local", "127.0.0.1", "--port", Integer.toString(uas.port()),
                    "--scenario", dir.resolve("uas.xml").toString(), "--trace-dir", dir.toString(),
                    "--name", "sipp-uas").stdout();

            List<String> uacRan = Files.readAllLines(SippUac.commandFile(dir, "call-"));
            assertThat(uacRan).hasSize(2);
            assertThat(uacRan.get(0)).startsWith("# " + dir.resolve("uac.sh") + " --sipp " + sipp + " ");
            assertThat(uacRan.get(1) + "\n").isEqualTo(uacBuilt).startsWith(sipp + " 127.0.0.1:" + uas.port() + " -sf ");
            List<String> uasRan = Files.readAllLines(Sipp.commandFile(dir, SippUas.NAME));
            assertThat(uasRan).hasSize(2);
            assertThat(uasRan.get(1) + "\n").isEqualTo(uasBuilt).startsWith(sipp + " -sf ");
        }
    }

    /** uas.sh by itself, with its defaults but the port; returns once SIPp has bound it. */
    private ManagedProcess startUasScript(int port) {
        ManagedProcess uas = ManagedProcess.start("uas.sh", List.of(UAS_SCRIPT.toString(),
                "--port", Integer.toString(port), "--trace-dir", dir.resolve("uas").toString()), dir, dir.resolve("uas.out"));
        try {
            awaitBound(uas, port);
            return uas;
        } catch (RuntimeException | AssertionError e) {
            uas.close();
            throw e;
        }
    }

    private static void awaitBound(ManagedProcess uas, int port) {
        long deadlineNanos = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!UdpListeners.isBoundBy(uas.pid(), port)) {
            assertThat(uas.isAlive()).as("uas.sh exited at start; see %s", uas.logFile()).isTrue();
            assertThat(System.nanoTime()).as("uas.sh did not bind UDP %d within 10 s", port).isLessThan(deadlineNanos);
            Pause.millis(20);
        }
    }

    private static String required(JsonNode event, String field) {
        JsonNode value = event.get(field);
        assertThat(value).as("%s in %s", field, event).isNotNull();
        return value.asText();
    }
}
