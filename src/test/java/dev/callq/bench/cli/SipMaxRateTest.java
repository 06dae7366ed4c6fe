package dev.callq.bench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callq.bench.ExitCode;
import dev.callq.bench.result.SummaryJson;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.callq.bench.testkit.Json.required;

/**
 * {@code callq max-rate --load sip}: the max-rate search with real calls through SIPp, Kamailio and Redis as
 * its probes, in calls/s. Bounded to one probe (start = maximum, no confirmation) so that it stays short: the
 * search converges on its maximum and must say that the maximum, not the queue, was the limit.
 */
@Isolated("a max-rate search finds the highest rate this machine sustains")
@Timeout(120)
@Tag("processes")
class SipMaxRateTest {
    @TempDir
    Path out;

    private static JsonNode required(JsonNode node, String pointer) {
        JsonNode found = node.at(pointer);
        assertThat(found.isMissingNode() || found.isNull()).as(pointer + " in " + node).isFalse();
        return found;
    }

    @Test
    void aSipSearchConvergesInCallsPerSecondAndSaysWhatItsCapHid() throws Exception {
        int exit = Main.execute("max-rate", "--load", "sip", "--client", "jedis", "--workers", "2",
                "--slo", "p99=50ms", "--start-rate", "40", "--max-rate", "40", "--confirmations", "0",
                "--warmup", "0.5", "--duration", "1.5", "--events", "invite", "--out", out.toString());

        assertThat(exit).isEqualTo(ExitCode.OK);
        JsonNode search = SummaryJson.mapper().readTree(out.resolve("max-rate.json").toFile());
        assertThat(required(search, "/converged").asBoolean()).isTrue();
        assertThat(required(search, "/maxRatePerSec").asLong()).isEqualTo(40);
        assertThat(required(search, "/rateUnit").asText()).isEqualTo("calls/s");
        assertThat(required(search, "/eventsPerRateUnit").asInt()).isEqualTo(1);
        assertThat(required(search, "/limitedByMaxRate").asBoolean()).isTrue();
        assertThat(required(search, "/answer").asText())
                .startsWith("max sustainable rate: at least 40 calls/s (40 events/s at 1 event per call, --events invite)")
                .contains("maximum of 40 calls/s, not the queue, was the limit");

        // The probe really ran calls, and --events reached it: one event per INVITE, none per BYE.
        JsonNode probe = SummaryJson.mapper().readTree(out.resolve("probes/1/summary.json").toFile()).at("/clients/0");
        assertThat(required(probe, "/calls/attempted").asLong()).isPositive();
        assertThat(required(probe, "/events/consumed").asLong()).isEqualTo(required(probe, "/events/expected").asLong())
                .isEqualTo(required(probe, "/calls/attempted").asLong());

        // In RFC 7501's words: every session attempted at 40/s was established, so that is the Session
        // Establishment Rate, with the attempt rate stepped and its counts.
        JsonNode rfc = required(search, "/sessionEstablishmentRate");
        assertThat(required(rfc, "/sessionsPerSec").asLong()).isEqualTo(40);
        assertThat(required(rfc, "/attemptRates/0/sessionsPerSec").asLong()).isEqualTo(40);
        assertThat(required(rfc, "/attemptRates/0/attempted").asLong()).isEqualTo(required(probe, "/calls/attempted").asLong());
        assertThat(required(rfc, "/attemptRates/0/established").asLong()).isEqualTo(required(probe, "/calls/attempted").asLong());
        assertThat(required(rfc, "/establishmentThresholdTime").asText()).isNotBlank();
        assertThat(required(rfc, "/method").asText()).contains("RFC 7502");

        String report = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
        assertThat(report).contains("Session Establishment Rate (RFC 7501): 40 sessions/s or more",
                "<th>Session Attempt Rate (sessions/s)</th>");
        assertThat(report).contains("highest passing 40 calls/s", "<th>rate (calls/s)</th>", "at least 40 calls/s")
                .doesNotContain("rate (events/s)");
    }
}
