package dev.callq.bench.sip;

import dev.callq.bench.event.PayloadFormat;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callq.bench.env.FreePorts;
import dev.callq.bench.env.LocalRedis;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real pipeline without Java consumers: SIPp UAC → Kamailio → SIPp UAS, with Kamailio
 * RPUSHing into a local redis-server; the list is read back with redis-cli.
 */
@Tag("processes")
class KamailioQueueEndToEndTest {
    private static final String KEY = "callq:events";
    private static final int CALLS = 100;
    private static final double RATE_CPS = 50;
    private static final long HOLD_MILLIS = 100;

    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path runDir;

    @Test
    void jsonPayloadEnqueuesOneInviteAndOneByePerCall() throws Exception {
        try (LocalRedis redis = LocalRedis.start(runDir);
             LocalKamailio kamailio = LocalKamailio.start(runDir,
                     new KamailioSettings(redis.endpoint(), KEY, PayloadFormat.JSON));
             SippUas uas = SippUas.start(runDir, FreePorts.find())) {
            long runStartMicros = nowMicros();
            SippStats stats = SippUac.run(runDir, kamailio.sipPort(), uas.port(), RATE_CPS, CALLS, HOLD_MILLIS, "call-");
            long runEndMicros = nowMicros();

            assertThat(stats.attempted()).isEqualTo(CALLS);
            assertThat(stats.succeeded()).isEqualTo(CALLS);
            assertThat(stats.failed()).isZero();
            assertThat(stats.statCsv()).exists();

            List<String> payloads = RedisList.readAll(redis.endpoint(), KEY);
            assertThat(payloads).hasSize(2 * CALLS);
            Map<String, List<String>> kindsByCallId = new HashMap<>();
            Map<String, Long> inviteEnqueuedMicros = new HashMap<>();
            for (String payload : payloads) {
                JsonNode event = json.readTree(payload);
                assertThat(event.size()).as(payload).isEqualTo(3);
                String callId = event.get("callId").asText();
                String kind = event.get("kind").asText();
                assertThat(event.get("enqueuedAt").isTextual()).as(payload).isTrue();
                long enqueuedMicros = new BigDecimal(event.get("enqueuedAt").asText()).movePointRight(6).longValueExact();
                assertThat(enqueuedMicros).as(payload).isBetween(runStartMicros, runEndMicros);
                kindsByCallId.computeIfAbsent(callId, id -> new ArrayList<>()).add(kind);
                if (kind.equals("INVITE")) {
                    inviteEnqueuedMicros.put(callId, enqueuedMicros);
                }
            }
            assertThat(kindsByCallId).hasSize(CALLS);
            assertThat(kindsByCallId.values()).allSatisfy(kinds -> assertThat(kinds).containsExactly("INVITE", "BYE"));

            // Same host, same clock: each INVITE is enqueued after SIPp stamped its send.
            Map<String, Long> sentMicros = SippSendLog.read(SippUac.sendLogFile(runDir, "call-"));
            assertThat(sentMicros.keySet()).isEqualTo(kindsByCallId.keySet());
            assertThat(sentMicros).allSatisfy((callId, sent) ->
                    assertThat(inviteEnqueuedMicros.get(callId)).as(callId).isGreaterThanOrEqualTo(sent));
            assertThat(kamailio.pushFailures()).isZero();
        }
    }

    @Test
    void callIdPayloadEnqueuesTheBareCallIdOncePerCall() throws Exception {
        try (LocalRedis redis = LocalRedis.start(runDir);
             LocalKamailio kamailio = LocalKamailio.start(runDir,
                     new KamailioSettings(redis.endpoint(), KEY, PayloadFormat.CALLID));
             SippUas uas = SippUas.start(runDir, FreePorts.find())) {
            SippStats stats = SippUac.run(runDir, kamailio.sipPort(), uas.port(), RATE_CPS, CALLS, HOLD_MILLIS, "seed-");

            assertThat(stats.attempted()).isEqualTo(CALLS);
            assertThat(stats.succeeded()).isEqualTo(CALLS);
            assertThat(stats.failed()).isZero();
            List<String> payloads = RedisList.readAll(redis.endpoint(), KEY);
            Map<String, Long> sentMicros = SippSendLog.read(SippUac.sendLogFile(runDir, "seed-"));
            assertThat(payloads).hasSize(CALLS).doesNotHaveDuplicates().allMatch(id -> id.startsWith("seed-"));
            assertThat(payloads).containsExactlyInAnyOrderElementsOf(sentMicros.keySet());
            assertThat(kamailio.pushFailures()).isZero();
        }
    }

    @Test
    @SuppressWarnings("try") // Redis is closed early on purpose: Kamailio connected to it, then it died.
    void redisDownRejectsCallsWith500AndCountsPushFailures() throws Exception {
        int calls = 5;
        try (LocalRedis redis = LocalRedis.start(runDir);
             LocalKamailio kamailio = LocalKamailio.start(runDir,
                     new KamailioSettings(redis.endpoint(), KEY, PayloadFormat.JSON));
             SippUas uas = SippUas.start(runDir, FreePorts.find())) {
            redis.close();

            SippStats stats = SippUac.run(runDir, kamailio.sipPort(), uas.port(), 10, calls, HOLD_MILLIS, "down-");

            assertThat(stats.attempted()).isEqualTo(calls);
            assertThat(stats.succeeded()).isZero();
            assertThat(stats.failed()).isEqualTo(calls);
            // Retransmitted INVITEs are absorbed by tm: exactly one failed push per call.
            assertThat(kamailio.pushFailures()).isEqualTo(calls);
            String errors = Files.readString(runDir.resolve("sipp-uac-down-errors.log"));
            assertThat(errors.split("SIP/2.0 500 Queue unavailable", -1)).hasSize(calls + 1);
        }
    }

    private static long nowMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }
}
