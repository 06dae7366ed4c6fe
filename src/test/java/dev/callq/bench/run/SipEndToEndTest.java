package dev.callq.bench.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callq.bench.cli.Main;
import dev.callq.bench.result.RunSummary;
import dev.callq.bench.sip.PostDialDelay;
import dev.callq.bench.testkit.NoProcessLeftBehind;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.callq.bench.testkit.Json.required;

/** SIPp → Kamailio (ndb_redis) → redis-server → 4 BLPOP workers, all real processes on loopback. */
@Tag("processes")
@ExtendWith(NoProcessLeftBehind.class)
class SipEndToEndTest {
    @TempDir
    Path outDir;

    @ParameterizedTest
    @ValueSource(strings = {"jedis", "lettuce"})
    void threeHundredCallsGiveSixHundredEventsEachConsumedOnceAndMeasured(String client) throws Exception {
        // The JIT's activity is the whole JVM's: with other classes running in it, the warm-up would go on to its
        // 15 s cap. Two slices at most: this checks that the warm-up's events are whole slices, not their count.
        int exit = Main.execute("run", "--client", client, "--workers", "4", "--rate", "100", "--calls", "300",
                "--warmup", "1", "--warmup-max", "2", "--out", outDir.toString());

        assertThat(exit).isZero();
        SummaryTree results = new SummaryTree(outDir);
        JsonNode result = results.client(client);
        assertThat(required(result, "/calls/attempted").asLong()).isEqualTo(300);
        assertThat(required(result, "/calls/succeeded").asLong()).isEqualTo(300);
        assertThat(required(result, "/calls/failed").asLong()).isZero();
        assertThat(required(result, "/events/expected").asLong()).isEqualTo(600);
        assertThat(required(result, "/events/consumed").asLong()).isEqualTo(600);
        assertThat(required(result, "/events/unique").asLong()).isEqualTo(600);
        assertThat(required(result, "/events/lost").asLong()).isZero();
        assertThat(required(result, "/events/duplicates").asLong()).isZero();
        assertThat(required(result, "/events/malformed").asLong()).isZero();
        assertThat(required(result, "/events/leftInQueue").asLong()).isZero();
        // The 1 s warm-up and each 1 s slice the JIT adds to it: 100 calls, an INVITE and a BYE event each.
        long warmupEvents = required(result, "/events/warmupConsumed").asLong();
        assertThat(warmupEvents).isPositive();
        assertThat(warmupEvents % 200).isZero();
        assertThat(required(result, "/latencyMicros/enqueueToDequeue/count").asLong()).isEqualTo(600);
        assertThat(results.hlogCount(client, "enqueueToDequeue")).isEqualTo(600);
        assertThat(required(result, "/latencyMicros/enqueueToDequeue/p50").asLong()).isPositive();
        assertThat(required(result, "/throughputPerSec").asDouble()).isPositive();
        assertThat(results.summary().get("schema").asInt()).isEqualTo(RunSummary.SCHEMA);
    }

    /** Also with a relative results folder, as `./callq run` uses by default. */
    @Test
    void bareCallIdPayloadIsMeasuredFromSippsInviteSendTime() throws Exception {
        Path relative = Path.of("").toAbsolutePath().relativize(outDir.toAbsolutePath());
        int exit = Main.execute("run", "--client", "jedis", "--workers", "4", "--rate", "100", "--calls", "300",
                "--warmup", "0", "--payload", "callid", "--out", relative.toString());

        assertThat(exit).isZero();
        SummaryTree results = new SummaryTree(outDir);
        JsonNode result = results.client("jedis");
        assertThat(required(result, "/events/expected").asLong()).isEqualTo(300);
        assertThat(required(result, "/events/consumed").asLong()).isEqualTo(300);
        assertThat(required(result, "/events/lost").asLong()).isZero();
        assertThat(required(result, "/events/duplicates").asLong()).isZero();
        assertThat(required(result, "/latencyMicros/enqueueToDequeue/count").asLong()).isEqualTo(300);
        assertThat(results.hlogCount("jedis", "enqueueToDequeue")).isEqualTo(300);
        assertThat(required(result, "/latencyMicros/enqueueToDequeue/nonPositive").asLong()).isZero();
        assertThat(result.get("warnings")).isEmpty();
        // What the queue did to the calls: every call's INVITE → 200 timed by SIPp, every answer a 2xx.
        assertThat(required(result, "/calls/postDialDelayMicros/count").asLong()).isEqualTo(300);
        assertThat(required(result, "/calls/postDialDelayMicros/max").asLong())
                .isGreaterThanOrEqualTo(required(result, "/calls/postDialDelayMicros/p50").asLong());
        assertThat(required(result, "/calls/answers/2xx").asLong()).isEqualTo(300);
        assertThat(required(result, "/calls/answers/5xx").asLong()).isZero();
        assertThat(required(result, "/calls/answers/timeouts").asLong()).isZero();
        assertThat(outDir.resolve("logs/jedis/" + PostDialDelay.HLOG_FILE)).isNotEmptyFile();
        // SIPp ran through sipp-scenarios/uac.sh and uas.sh; the folder keeps the commands, to replay them.
        assertThat(outDir.resolve("logs/jedis/sipp-uac-call.cmd")).content().contains("/uac.sh --sipp ");
        assertThat(outDir.resolve("logs/jedis/sipp-uas.cmd")).content().contains("/uas.sh --sipp ");
    }
}
