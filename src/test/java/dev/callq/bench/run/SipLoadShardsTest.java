package dev.callq.bench.run;

import dev.callq.bench.options.RunOptions;
import dev.callq.bench.result.Shard;
import com.fasterxml.jackson.databind.JsonNode;
import dev.callq.bench.cli.Main;
import dev.callq.bench.env.LocalRedis;
import dev.callq.bench.measure.EventSets;
import dev.callq.bench.result.Role;
import dev.callq.bench.result.ShardPart;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static dev.callq.bench.testkit.Json.required;

/**
 * A sharded SIP run on one machine: two sip-load shards (each SIPp UAC and UAS and a Kamailio of its own)
 * and two consumer shards ({@code callq run --role … --shard i/2}) against one redis-server, then
 * {@code callq merge}: every event each shard's SIPp and Kamailio account for is taken exactly once.
 */
@Tag("processes")
class SipLoadShardsTest {
    private static final int SHARDS = 2;
    private static final int RATE_CPS = 50;
    private static final int DURATION_SECONDS = 3;
    private static final long CALLS = (long) RATE_CPS * DURATION_SECONDS;

    @TempDir
    Path tmp;

    @Test
    void twoSipLoadShardsAndTwoConsumersMergeIntoExactAccounting() throws Exception {
        Path out = tmp.resolve("sip-sharded");
        try (LocalRedis redis = LocalRedis.start(Files.createDirectories(tmp.resolve("redis")))) {
            List<Process> shards = new ArrayList<>();
            for (Role role : List.of(Role.CONSUMER, Role.SIP_LOAD)) {
                for (int i = 0; i < SHARDS; i++) {
                    RunOptions options = RunOptions.of("--client", "jedis", "--load", "sip",
                            "--rate", Integer.toString(RATE_CPS), "--duration", Integer.toString(DURATION_SECONDS),
                            "--warmup", "0.5", "--workers", "4", "--redis", redis.endpoint().urlWithPassword(),
                            "--role", role.cliName(), "--shard", new Shard(i, SHARDS).toString());
                    shards.add(ShardedRunTest.fork(options, out, tmp.resolve(role.cliName() + "-" + i + ".log")));
                }
            }
            try {
                for (Process shard : shards) {
                    assertThat(shard.waitFor(60, TimeUnit.SECONDS)).isTrue();
                    assertThat(shard.exitValue()).isZero();
                }
            } finally {
                shards.forEach(Process::destroyForcibly);
            }
        }

        assertThat(Main.execute("merge", out.toString())).isZero();
        JsonNode client = new SummaryTree(out).client("jedis");
        JsonNode calls = client.path("calls");
        assertThat(required(calls, "/attempted").asLong()).isEqualTo(CALLS);
        // Each call pushed an INVITE and a BYE, as Kamailio's own counters say; each was taken exactly once.
        long expected = required(client, "/events/expected").asLong();
        assertThat(required(calls, "/pushed").asLong()).isEqualTo(expected);
        assertThat(expected).isEqualTo(2 * required(calls, "/succeeded").asLong()).isPositive();
        // RFC 6076's block: the shards' counts added up, SER computed again from the sums; no delays, whose
        // percentiles cannot be added from the shards' summaries.
        JsonNode rfc = required(calls, "/rfc6076");
        long established = required(rfc, "/invites200").asLong();
        assertThat(required(rfc, "/invites").asLong()).isEqualTo(CALLS);
        assertThat(required(rfc, "/sessionsCompleted").asLong()).isEqualTo(required(calls, "/succeeded").asLong());
        assertThat(required(rfc, "/serPercent").asDouble()).isCloseTo(100.0 * established / CALLS, within(1e-9));
        assertThat(rfc.path("srdMicros").isMissingNode()).isTrue();
        assertThat(rfc.path("sddMicros").isMissingNode()).isTrue();
        JsonNode events = client.path("events");
        assertThat(required(events, "/consumed").asLong()).isEqualTo(expected);
        assertThat(required(events, "/unique").asLong()).isEqualTo(expected);
        assertThat(required(events, "/lost").asLong()).isZero();
        assertThat(required(events, "/duplicates").asLong()).isZero();
        assertThat(required(events, "/unexpected").asLong()).isZero();
        assertThat(required(events, "/leftInQueue").asLong()).isZero();
        assertThat(required(client, "/latencyMicros/enqueueToDequeue/count").asLong()).isEqualTo(expected);

        // Each shard's Call-IDs are its own (sip-<i>-<n>): the shards' expected sets are disjoint, and what the
        // consumers took is exactly their union, event by event.
        EventSets first = EventSets.decode(ShardPart.read(out.resolve("shards/sip-load-0")).events());
        EventSets second = EventSets.decode(ShardPart.read(out.resolve("shards/sip-load-1")).events());
        // INVITEs and BYEs alike are bit sets of call numbers: nothing is written one event a line.
        assertThat(first.encode()).containsKeys("sip-0-", "BYE sip-0-").doesNotContainKeys("sip-1-", "others");
        assertThat(first.size()).isEqualTo(2 * (CALLS / SHARDS));
        assertThat(first.sizeOfIntersection(second)).isZero();
        EventSets union = new EventSets();
        union.addAll(first);
        union.addAll(second);
        EventSets taken = new EventSets();
        for (int i = 0; i < SHARDS; i++) {
            taken.addAll(EventSets.decode(ShardPart.read(out.resolve("shards/consumer-" + i)).events()));
        }
        assertThat(union.size()).isEqualTo(expected);
        assertThat(taken.sizeOfIntersection(union)).isEqualTo(expected);
        assertThat(taken.size()).isEqualTo(expected);
    }
}
