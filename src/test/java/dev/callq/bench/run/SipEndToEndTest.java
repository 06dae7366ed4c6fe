package dev.callq.bench.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callq.bench.cli.Main;
import dev.callq.bench.sip.PostDialDelay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** SIPp → Kamailio (ndb_redis) → redis-server → 4 BLPOP workers, all real processes on loopback. */
class SipEndToEndTest {
    @TempDir
    Path outDir;

    @AfterEach
    void nothingStartedIsStillRunning() {
        assertThat(ChildProcesses.alive()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jedis", "lettuce"})
    void threeHundredCallsGiveSixHundredEventsEachConsumedOnceAndMeasured(String client) throws Exception {
        int exit = Main.execute("run", "--client", client, "--workers", "4", "--rate", "100", "--calls", "300",
                "--warmup", "1", "--out", outDir.toString());

        assertThat(exit).isZero();
        SummaryTree results = new SummaryTree(outDir);
        JsonNode result = results.client(client);
        assertThat(result.at("/calls/attempted").asLong()).isEqualTo(300);
        assertThat(result.at("/calls/succeeded").asLong()).isEqualTo(300);
        assertThat(result.at("/calls/failed").asLong()).isZero();
        assertThat(result.at("/events/expected").asLong()).isEqualTo(600);
        assertThat(result.at("/events/consumed").asLong()).isEqualTo(600);
        assertThat(result.at("/events/unique").asLong()).isEqualTo(600);
        assertThat(result.at("/events/lost").asLong()).isZero();
        assertThat(result.at("/events/duplicates").asLong()).isZero();
        assertThat(result.at("/events/malformed").asLong()).isZero();
        assertThat(result.at("/events/leftInQueue").asLong()).isZero();
        // The 1 s warm-up and each 1 s slice the JIT adds to it: 100 calls, an INVITE and a BYE event each.
        long warmupEvents = result.at("/events/warmupConsumed").asLong();
        assertThat(warmupEvents).isPositive();
        assertThat(warmupEvents % 200).isZero();
        assertThat(result.at("/latencyMicros/enqueueToDequeue/count").asLong()).isEqualTo(600);
        assertThat(results.hlogCount(client, "enqueueToDequeue")).isEqualTo(600);
        assertThat(result.at("/latencyMicros/enqueueToDequeue/p50").asLong()).isPositive();
        assertThat(result.at("/throughputPerSec").asDouble()).isPositive();
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
        assertThat(result.at("/events/expected").asLong()).isEqualTo(300);
        assertThat(result.at("/events/consumed").asLong()).isEqualTo(300);
        assertThat(result.at("/events/lost").asLong()).isZero();
        assertThat(result.at("/events/duplicates").asLong()).isZero();
        assertThat(result.at("/latencyMicros/enqueueToDequeue/count").asLong()).isEqualTo(300);
        assertThat(results.hlogCount("jedis", "enqueueToDequeue")).isEqualTo(300);
        assertThat(result.at("/latencyMicros/enqueueToDequeue/nonPositive").asLong()).isZero();
        assertThat(result.get("warnings")).isEmpty();
        // What the queue did to the calls: every call's INVITE → 200 timed by SIPp, every answer a 2xx.
        assertThat(result.at("/calls/postDialDelayMicros/count").asLong()).isEqualTo(300);
        assertThat(result.at("/calls/postDialDelayMicros/max").asLong())
                .isGreaterThanOrEqualTo(result.at("/calls/postDialDelayMicros/p50").asLong());
        assertThat(result.at("/calls/answers/2xx").asLong()).isEqualTo(300);
        assertThat(result.at("/calls/answers/5xx").asLong()).isZero();
        assertThat(result.at("/calls/answers/timeouts").asLong()).isZero();
        assertThat(outDir.resolve("logs/jedis/" + PostDialDelay.HLOG_FILE)).isNotEmptyFile();
        // SIPp ran through sipp-scenarios/uac.sh and uas.sh; the folder keeps the commands, to replay them.
        assertThat(outDir.resolve("logs/jedis/sipp-uac-call.cmd")).content().contains("/uac.sh --sipp ");
        assertThat(outDir.resolve("logs/jedis/sipp-uas.cmd")).content().contains("/uas.sh --sipp ");
    }
}
