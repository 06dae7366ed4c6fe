package dev.callq.bench.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callq.bench.cli.Main;
import dev.callq.bench.load.SipLoad;
import dev.callq.bench.testkit.NoProcessLeftBehind;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.callq.bench.testkit.Json.required;

/**
 * User Kamailio scripts (--kamailio-cfg) and Kamailio's own counters, end to end with real processes: the
 * expected events are the pushes the script counted, so calls Kamailio failed are never lost events.
 */
@Tag("processes")
@ExtendWith(NoProcessLeftBehind.class)
class KamailioScriptEndToEndTest {
    private static final Path CLASSIC = Path.of("kamailio/examples/classic-rpush-callid.cfg");
    private static final Path INVITE_BYE_JSON = Path.of("kamailio/examples/invite-bye-json.cfg");

    @TempDir
    Path outDir;

    @ParameterizedTest
    @ValueSource(strings = {"jedis", "lettuce"})
    void theClassicRouteEnqueuesEachCallsIdOnceUnderItsOwnKey(String client) throws Exception {
        int exit = Main.execute("run", "--client", client, "--kamailio-cfg", CLASSIC.toString(), "--key", "calls",
                "--payload", "callid", "--events", "invite", "--rate", "50", "--calls", "100", "--warmup", "1", "--warmup-max", "1",
                "--out", outDir.toString());

        assertThat(exit).isZero();
        JsonNode result = new SummaryTree(outDir).client(client);
        assertThat(required(result, "/calls/attempted").asLong()).isEqualTo(100);
        assertThat(required(result, "/calls/succeeded").asLong()).isEqualTo(100);
        assertThat(required(result, "/calls/pushed").asLong()).isEqualTo(100);
        assertThat(required(result, "/events/expected").asLong()).isEqualTo(100);
        assertThat(required(result, "/events/consumed").asLong()).isEqualTo(100);
        assertThat(required(result, "/events/unique").asLong()).isEqualTo(100);
        assertThat(required(result, "/events/lost").asLong()).isZero();
        assertThat(required(result, "/events/duplicates").asLong()).isZero();
        assertThat(required(result, "/events/unexpected").asLong()).isZero();
        assertThat(required(result, "/events/leftInQueue").asLong()).isZero();
        assertThat(required(result, "/latencyMicros/enqueueToDequeue/count").asLong()).isEqualTo(100);
        assertThat(required(new SummaryTree(outDir).summary(), "/config/key").asText()).isEqualTo("calls");
        Path logs = outDir.resolve("logs").resolve(client);
        assertThat(logs.resolve(CLASSIC.getFileName())).hasSameTextualContentAs(CLASSIC);
        assertThat(pushedDuringMeasurement(logs, "callq_pushed_invite")).isEqualTo(100);
    }

    @Test
    void aJsonScriptPushingOnInviteAndByeIsExpectedToPushBoth() throws Exception {
        int exit = Main.execute("run", "--client", "jedis", "--kamailio-cfg", INVITE_BYE_JSON.toString(),
                "--events", "invite,bye", "--rate", "50", "--calls", "50", "--warmup", "0", "--out", outDir.toString());

        assertThat(exit).isZero();
        JsonNode result = new SummaryTree(outDir).client("jedis");
        assertThat(required(result, "/events/expected").asLong()).isEqualTo(100);
        assertThat(required(result, "/events/unique").asLong()).isEqualTo(100);
        assertThat(required(result, "/events/lost").asLong()).isZero();
        Path logs = outDir.resolve("logs").resolve("jedis");
        assertThat(pushedDuringMeasurement(logs, "callq_pushed_invite")
                + pushedDuringMeasurement(logs, "callq_pushed_bye")).isEqualTo(100);
    }

    /** 16 MB holds under a thousand transactions: at 200 calls/s Kamailio runs out and answers 500. */
    @Test
    void callsKamailioFailedForLackOfMemoryAreFailedCallsNotLostEvents() throws Exception {
        int exit = Main.execute("run", "--client", "jedis", "--kamailio-shm-mb", "16", "--rate", "200",
                "--calls", "1000", "--warmup", "0", "--out", outDir.toString());

        assertThat(exit).isZero();
        JsonNode result = new SummaryTree(outDir).client("jedis");
        long failed = required(result, "/calls/failed").asLong();
        assertThat(failed).isPositive();
        assertThat(required(result, "/calls/kamailioErrors/outOfSharedMemory").asLong()).isPositive();
        long pushed = required(result, "/calls/pushed").asLong();
        // The bundled JSON script pushes an INVITE and a BYE per call; failed calls pushed less.
        assertThat(pushed).isLessThan(2 * 1000 - failed + 1);
        assertThat(required(result, "/events/expected").asLong()).isEqualTo(pushed);
        assertThat(required(result, "/events/unique").asLong()).isEqualTo(pushed);
        assertThat(required(result, "/events/lost").asLong()).isZero();
        assertThat(result.get("warnings").toString()).contains("calls failed: Kamailio out of shared memory");
    }

    /** A counter's growth between the two kamcmd snapshots the run saved. */
    private static long pushedDuringMeasurement(Path logs, String counter) throws IOException {
        return counter(logs.resolve(SipLoad.STATS_END_FILE), counter) - counter(logs.resolve(SipLoad.STATS_START_FILE), counter);
    }

    private static long counter(Path file, String name) throws IOException {
        Matcher matcher = Pattern.compile("(?m)^script:" + name + " = (\\d+)$").matcher(Files.readString(file));
        assertThat(matcher.find()).as(name + " in " + file).isTrue();
        return Long.parseLong(matcher.group(1));
    }
}
