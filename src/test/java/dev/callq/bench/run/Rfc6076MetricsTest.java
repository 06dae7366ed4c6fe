package dev.callq.bench.run;

import dev.callq.bench.testkit.ChildProcesses;
import com.fasterxml.jackson.databind.JsonNode;
import dev.callq.bench.cli.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A SIP run through the bundled Kamailio to a UAS that refuses about a quarter of the INVITEs with 503
 * (Kamailio, a proxy, passes it on as 500: RFC 3261 §16.7): summary.json's RFC 6076 block must agree exactly
 * with SIPp's own statistics file.
 */
@Tag("processes")
class Rfc6076MetricsTest {
    private static final int CALLS = 60;
    private static final Path UAS_503 = Path.of("src/test/resources/sipp/uas-503.xml");

    @TempDir
    Path dir;

    @AfterEach
    void nothingStartedIsStillRunning() {
        assertThat(ChildProcesses.aliveUnder(dir)).isEmpty();
    }

    @Test
    void ratiosOfARunWithRefusedCallsMatchSippsOwnCounts() throws Exception {
        Path outDir = dir.resolve("out");
        int exit = Main.execute("run", "--load", "sip", "--client", "jedis", "--workers", "2", "--rate", "30",
                "--calls", Integer.toString(CALLS), "--warmup", "0", "--uas-scenario", UAS_503.toString(),
                "--out", outDir.toString());

        assertThat(exit).isZero();
        JsonNode rfc = DeadPartTest.required(new SummaryTree(outDir).client("jedis"), "/calls/rfc6076");
        List<String> header = Arrays.asList(lastLines(outDir)[0]);
        String[] last = lastLines(outDir)[1];
        long outgoing = sipp(header, last, "OutgoingCall(C)");
        long successful = sipp(header, last, "SuccessfulCall(C)");
        long refused = sipp(header, last, "FailedUnexpectedMessage(C)");
        // Every call either completed or was refused; a draw of 60 gives both (0.75^60 odds against).
        assertThat(successful + refused).isEqualTo(outgoing).isEqualTo(CALLS);
        assertThat(refused).as("calls refused").isPositive();
        assertThat(successful).as("calls completed").isPositive();

        assertThat(DeadPartTest.required(rfc, "/invites").asLong()).isEqualTo(outgoing);
        assertThat(DeadPartTest.required(rfc, "/invites200").asLong()).isEqualTo(successful);
        assertThat(DeadPartTest.required(rfc, "/invites3xx").asLong()).isZero();
        assertThat(DeadPartTest.required(rfc, "/invitesIneffective").asLong()).isEqualTo(refused);
        assertThat(DeadPartTest.required(rfc, "/sessionsCompleted").asLong()).isEqualTo(successful);
        double established = 100.0 * successful / outgoing;
        assertThat(DeadPartTest.required(rfc, "/serPercent").asDouble()).isCloseTo(established, within(1e-9));
        // 500 is no answer of the user's: SEER counts the 200s alone here.
        assertThat(DeadPartTest.required(rfc, "/seerPercent").asDouble()).isCloseTo(established, within(1e-9));
        assertThat(DeadPartTest.required(rfc, "/isaPercent").asDouble()).isCloseTo(100.0 * refused / outgoing, within(1e-9));
        assertThat(DeadPartTest.required(rfc, "/scrPercent").asDouble()).isCloseTo(established, within(1e-9));
        // Every completed call's BYE got its 200, timed by SIPp's timer 2.
        assertThat(DeadPartTest.required(rfc, "/sddMicros/count").asLong()).isEqualTo(successful);
        // Every INVITE got a final answer: none timed out.
        assertThat(DeadPartTest.required(rfc, "/invitesUnanswered").asLong()).isZero();
        // SRD §4.3.1: each accepted call's 180 (the UAS rings before it answers) ends one successful setup, and
        // §4.3.2: each refused call's 500 one failed setup.
        JsonNode srd = DeadPartTest.required(rfc, "/srdMicros");
        assertThat(DeadPartTest.required(srd, "/count").asLong()).isEqualTo(successful);
        assertThat(DeadPartTest.required(rfc, "/srdFailedMicros/count").asLong()).isEqualTo(refused);
        // The 180 comes before the 200, so SRD is at most SIPp's own INVITE → 200 timer. That timer counts whole
        // milliseconds of SIPp's cached clock (clock_tick, refreshed once per pass of its main loop: src/time.cpp),
        // which ends a response time at the pass that read the reply, where uac.xml's gettimeofday is fresh: one
        // tick, plus a pass of a busy SIPp, of slack (a CI run measured 264 µs beyond one tick).
        long sippClockSlackMicros = 5_000;
        JsonNode postDial = DeadPartTest.required(new SummaryTree(outDir).client("jedis"), "/calls/postDialDelayMicros");
        assertThat(DeadPartTest.required(srd, "/p50").asLong()).isPositive()
                .isLessThanOrEqualTo(DeadPartTest.required(postDial, "/p50").asLong() + sippClockSlackMicros);
        assertThat(DeadPartTest.required(srd, "/max").asLong())
                .isLessThanOrEqualTo(DeadPartTest.required(postDial, "/max").asLong() + sippClockSlackMicros);
    }

    /** The header and the last line of the UAC's statistics, split into fields. */
    private static String[][] lastLines(Path outDir) throws Exception {
        List<String> lines = Files.readAllLines(outDir.resolve("logs/jedis/sipp-uac-call-stats.csv"))
                .stream().filter(line -> !line.isBlank()).toList();
        return new String[][]{lines.get(0).split(";", -1), lines.get(lines.size() - 1).split(";", -1)};
    }

    private static long sipp(List<String> header, String[] row, String column) {
        int index = header.indexOf(column);
        assertThat(index).as(column + " in SIPp's statistics").isNotNegative();
        return Long.parseLong(row[index].trim());
    }
}
