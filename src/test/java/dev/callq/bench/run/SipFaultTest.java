package dev.callq.bench.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callq.bench.ExitCode;
import dev.callq.bench.cli.Main;
import dev.callq.bench.testkit.ChildProcesses;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.callq.bench.testkit.Json.required;

/** The SIP faults end to end, through SIPp, Kamailio and the Redis the run starts. */
@Isolated("a starved SIPp retransmits INVITEs across the Kamailio restart, which the new Kamailio pushes again")
@Tag("processes")
class SipFaultTest {
    @TempDir
    Path tmp;

    /** SIPp drops 5% of what it receives: both ends retransmit, and every pushed event still arrives once. */
    @Test
    void sipLossMakesRetransmissionsAndLosesNothing() throws Exception {
        Path out = tmp.resolve("loss");
        int exit = Main.execute("run", "--client", "jedis", "--workers", "4", "--rate", "100", "--calls", "300",
                "--warmup", "0", "--fault", "sip-loss:5%", "--out", out.toString());

        assertThat(exit).as("exit code").isIn(0, ExitCode.UNTRUSTWORTHY);
        JsonNode result = new SummaryTree(out).client("jedis");
        assertThat(required(result, "/calls/retransmissions").asLong()).as("SIPp's retransmissions").isPositive();
        assertThat(required(result, "/events/lost").asLong()).as("lost: %s", why(result, out)).isZero();
        assertThat(required(result, "/events/duplicates").asLong()).as("duplicates: %s", why(result, out)).isZero();
        assertThat(required(result, "/events/unexpected").asLong()).as("unexpected: %s", why(result, out)).isZero();
        assertThat(required(result, "/faults/0/spec").asText()).isEqualTo("sip-loss:5%");
    }

    /** Kamailio restarted mid-run: the run ends by itself with a summary that names the calls that failed. */
    @Test
    void aKamailioRestartEndsWithASummaryNamingTheFailedCalls() throws Exception {
        Path out = tmp.resolve("restart");
        int exit = Main.execute("run", "--client", "lettuce", "--workers", "4", "--rate", "100", "--calls", "400",
                "--warmup", "0", "--fault", "kamailio-restart@1500ms", "--drain-timeout", "10",
                "--out", out.toString());

        assertThat(exit).as("exit code").isIn(0, ExitCode.UNTRUSTWORTHY);
        JsonNode result = new SummaryTree(out).client("lettuce");
        JsonNode fault = result.at("/faults/0");
        assertThat(fault.get("spec").asText()).isEqualTo("kamailio-restart@1500ms");
        assertThat(fault.path("error").isMissingNode()).as("the restart was done: " + fault).isTrue();
        assertThat(fault.get("endedAtMicros").asLong()).isGreaterThan(fault.get("startedAtMicros").asLong());
        assertThat(required(result, "/calls/attempted").asLong()).isEqualTo(400);
        long failed = required(result, "/calls/failed").asLong();
        if (failed > 0) {
            assertThat(result.get("warnings").toString()).contains(failed + " of 400 calls failed");
        }
        assertThat(required(result, "/events/lost").asLong()).as("lost: %s", why(result, out)).isZero();
        assertThat(required(result, "/events/duplicates").asLong()).as("duplicates: %s", why(result, out)).isZero();
        // The old Kamailio's counters are read with its SIP processes frozen, so no push falls between them
        // and the new one's: every event pushed is expected, none unexpected, and Redis's rpush calls agree.
        assertThat(required(result, "/events/unexpected").asLong()).as("unexpected: " + result.get("warnings")).isZero();
        assertThat(result.at("/accounting/crossCheck")).allSatisfy(check ->
                assertThat(check.get("ok").asBoolean()).as(check.toString()).isTrue());
        assertThat(ChildProcesses.aliveUnder(tmp)).as("both Kamailios, SIPp and Redis are stopped").isEmpty();
    }

    /** What a failed assertion needs to say why: the run's events, warnings and accounting, and the ids it named. */
    private static String why(JsonNode result, Path out) throws java.io.IOException {
        StringBuilder why = new StringBuilder().append(result.get("events")).append(' ').append(result.get("warnings"))
                .append(' ').append(result.get("accounting"));
        try (var files = java.nio.file.Files.walk(out)) {
            for (Path ids : files.filter(f -> f.getFileName().toString().matches(".*-(lost|duplicates|unexpected)\\.txt")).toList()) {
                why.append('\n').append(out.relativize(ids)).append(": ").append(java.nio.file.Files.readString(ids).strip());
            }
        }
        return why.toString();
    }
}
