package dev.callq.bench.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callq.bench.ExitCode;
import dev.callq.bench.cli.Main;
import dev.callq.bench.result.Timeseries;
import dev.callq.bench.testkit.ChildProcesses;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.callq.bench.testkit.Json.required;

/**
 * A SIP run behind Sentinel: Kamailio's ndb_redis is given the sentinel (REDIS_SENTINELS in the script
 * contract) and asks it for the master again when it reconnects, so after the primary is killed and the
 * replica promoted, calls push into the new primary. Pointed at the primary of the start only, every call
 * after the kill would fail.
 */
@Timeout(120)
@Tag("processes")
class SipSentinelFailoverTest {
    @TempDir
    Path out;

    @Test
    void kamailioPushesIntoThePromotedReplicaAfterAFailover() throws Exception {
        int exit = Main.execute("run", "--load", "sip", "--client", "jedis", "--workers", "2", "--rate", "50",
                "--duration", "6", "--warmup", "0", "--hold-ms", "50", "--pop-timeout-ms", "200",
                "--redis-sentinel", "--fault", "redis-failover@1s", "--out", out.toString());

        assertThat(exit).as("exit code").isIn(ExitCode.OK, ExitCode.UNTRUSTWORTHY);
        JsonNode result = new SummaryTree(out).client("jedis");
        JsonNode fault = result.at("/faults/0");
        assertThat(fault.get("note").asText()).startsWith("Sentinel promoted the replica 127.0.0.1:");
        long promotedSecond = fault.get("endedAtMicros").asLong() / 1_000_000;
        double consumedAfter = Timeseries.read(Timeseries.file(out, "jedis")).stream()
                .filter(second -> second.epochSecond() > promotedSecond + 1)
                .mapToDouble(Timeseries.Second::consumedPerSec).sum();
        assertThat(consumedAfter).as("events Kamailio pushed after the promotion, consumed").isPositive();
        // 50 calls/s, the kill at 1 s: only some 50 calls came before it, so more than 100 that succeeded
        // means calls after the promotion pushed too (the failed ones were placed while no primary was up).
        assertThat(required(result, "/calls/succeeded").asLong()).as("calls answered 2xx").isGreaterThan(100);
        assertThat(required(result, "/events/lost").asLong()).as("lost").isNotNegative();

        String kamailioLog = Files.readString(out.resolve("logs/jedis/kamailio.log"), StandardCharsets.UTF_8);
        assertThat(kamailioLog).as("ndb_redis never pushed into a sentinel").doesNotContain("unknown command");
        assertThat(ChildProcesses.aliveUnder(out)).as("the primary, replica, sentinels, Kamailio and SIPp are stopped").isEmpty();
    }
}
