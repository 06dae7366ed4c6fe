package dev.callq.bench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callq.bench.ExitCode;
import dev.callq.bench.run.SummaryJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code callq max-rate --load sip}: the max-rate search with real calls through SIPp, Kamailio and Redis as
 * its probes, in calls/s. Bounded to one probe (start = maximum, no confirmation) so that it stays short: the
 * search converges on its maximum and must say that the maximum, not the queue, was the limit.
 */
@Timeout(120)
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
        assertThat(search.path("converged").asBoolean()).isTrue();
        assertThat(search.path("maxRatePerSec").asLong()).isEqualTo(40);
        assertThat(search.path("rateUnit").asText()).isEqualTo("calls/s");
        assertThat(search.path("eventsPerRateUnit").asInt()).isEqualTo(1);
        assertThat(search.path("limitedByMaxRate").asBoolean()).isTrue();
        assertThat(search.path("answer").asText())
                .startsWith("max sustainable rate: at least 40 calls/s (40 events/s at 1 event per call, --events invite)")
                .contains("maximum of 40 calls/s, not the queue, was the limit");

        // The probe really ran calls, and --events reached it: one event per INVITE, none per BYE.
        JsonNode probe = SummaryJson.mapper().readTree(out.resolve("probes/1/summary.json").toFile()).at("/clients/0");
        assertThat(probe.at("/calls/attempted").asLong()).isPositive();
        assertThat(probe.at("/events/consumed").asLong()).isEqualTo(probe.at("/events/expected").asLong())
                .isEqualTo(probe.at("/calls/attempted").asLong());

        // In RFC 7501's words: every session attempted at 40/s was established, so that is the Session
        // Establishment Rate, with the attempt rate stepped and its counts.
        JsonNode rfc = required(search, "/sessionEstablishmentRate");
        assertThat(required(rfc, "/sessionsPerSec").asLong()).isEqualTo(40);
        assertThat(required(rfc, "/attemptRates/0/sessionsPerSec").asLong()).isEqualTo(40);
        assertThat(required(rfc, "/attemptRates/0/attempted").asLong()).isEqualTo(probe.at("/calls/attempted").asLong());
        assertThat(required(rfc, "/attemptRates/0/established").asLong()).isEqualTo(probe.at("/calls/attempted").asLong());
        assertThat(required(rfc, "/establishmentThresholdTime").asText()).isNotBlank();
        assertThat(required(rfc, "/method").asText()).contains("RFC 7502");

        String report = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
        assertThat(report).contains("Session Establishment Rate (RFC 7501): 40 sessions/s or more",
                "<th>Session Attempt Rate (sessions/s)</th>");
        assertThat(report).contains("highest passing 40 calls/s", "<th>rate (calls/s)</th>", "at least 40 calls/s")
                .doesNotContain("rate (events/s)");
    }
}
