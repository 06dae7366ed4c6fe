package dev.callq.bench.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callq.bench.cli.Main;
import dev.callq.bench.env.FreePorts;
import dev.callq.bench.env.LocalRedis;
import dev.callq.bench.event.PayloadFormat;
import dev.callq.bench.sip.KamailioSettings;
import dev.callq.bench.sip.LocalKamailio;
import dev.callq.bench.sip.SippUas;
import dev.callq.bench.testkit.NoProcessLeftBehind;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.callq.bench.testkit.Json.required;

/**
 * The user's own system: a Kamailio, a SIPp UAS and a Redis the user started (here, the test), the user's
 * SIPp UAC scenario; callq starts only its UAC and the workers (docker-compose.yml's own-system topology)
 * and still accounts for every event.
 */
@Tag("processes")
@ExtendWith(NoProcessLeftBehind.class)
class OwnSystemTest {
    private static final int CALLS = 60;

    @TempDir
    Path dir;

    @Test
    void aUsersScenarioThroughAKamailioTheUserStartedIsAccountedFromSippsStatistics() throws Exception {
        Path outDir = dir.resolve("out");
        Path scenario = Path.of("src/test/resources/sipp/uac-with-header.xml");
        Files.createDirectories(dir.resolve("redis"));
        Files.createDirectories(dir.resolve("kamailio"));
        Files.createDirectories(dir.resolve("uas"));
        int exit;
        try (LocalRedis redis = LocalRedis.start(dir.resolve("redis"));
             LocalKamailio kamailio = LocalKamailio.start(dir.resolve("kamailio"),
                     new KamailioSettings(redis.endpoint(), "calls", PayloadFormat.JSON));
             SippUas uas = SippUas.start(dir.resolve("uas"), FreePorts.find())) {
            exit = Main.execute("run", "--client", "jedis", "--workers", "2", "--rate", "60", "--calls",
                    Integer.toString(CALLS), "--warmup", "0", "--key", "calls", "--redis", redis.endpoint().toString(),
                    "--kamailio", "127.0.0.1:" + kamailio.sipPort(), "--uas", "127.0.0.1:" + uas.port(),
                    "--uac-scenario", scenario.toString(), "--out", outDir.toString());
        }

        assertThat(exit).isZero();
        SummaryTree results = new SummaryTree(outDir);
        JsonNode result = results.client("jedis");
        assertThat(required(result, "/calls/attempted").asLong()).isEqualTo(CALLS);
        assertThat(required(result, "/calls/succeeded").asLong()).isEqualTo(CALLS);
        // No counters of a Kamailio callq did not start: an INVITE and a BYE event expected per call, from SIPp.
        assertThat(result.at("/calls/pushed").isMissingNode()).isTrue();
        assertThat(result.at("/calls/kamailioErrors").isMissingNode()).isTrue();
        assertThat(required(result, "/events/expected").asLong()).isEqualTo(2 * CALLS);
        assertThat(required(result, "/events/consumed").asLong()).isEqualTo(2 * CALLS);
        assertThat(required(result, "/events/lost").asLong()).isZero();
        assertThat(required(result, "/events/duplicates").asLong()).isZero();
        assertThat(required(result, "/calls/postDialDelayMicros/count").asLong()).isEqualTo(CALLS);
        assertThat(required(result, "/calls/answers/2xx").asLong()).isEqualTo(CALLS);
        assertThat(required(result, "/clientEnvironment/kamailio").asText()).startsWith("started by the user, at 127.0.0.1:");
        assertThat(required(result, "/clientEnvironment/expectedEvents").asText()).contains("SIPp's statistics");
        assertThat(required(results.summary(), "/config/uacScenario").asText()).endsWith("uac-with-header.xml");
        // The run ran the user's scenario (its copy in the run's folder) and started no Kamailio of its own.
        Path logs = outDir.resolve("logs/jedis");
        assertThat(logs.resolve("user-uac.xml")).content().contains("X-Callq-Test: own-scenario");
        assertThat(logs.resolve("kamailio.log")).doesNotExist();
        // Nor a UAS: the user's answered every call.
        assertThat(logs.resolve("sipp-uas.log")).doesNotExist();
        assertThat(required(result, "/clientEnvironment/uas").asText()).startsWith("started by the user, at 127.0.0.1:");
    }
}
