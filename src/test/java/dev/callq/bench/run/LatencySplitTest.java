package dev.callq.bench.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callq.bench.cli.Main;
import dev.callq.bench.testkit.ChildProcesses;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.callq.bench.testkit.Json.required;

/**
 * One short synthetic run of every client against a real redis-server, asserted several ways: the latency
 * split is there and adds up, and the producer is the same neutral one whatever the client under test.
 */
@Isolated("it splits latencies of a few hundred microseconds that another class running would swamp")
@Tag("processes")
class LatencySplitTest {
    @TempDir
    static Path outDir;
    private static SummaryTree summary;

    @BeforeAll
    static void runEveryClientOnce() throws Exception {
        int exit = Main.execute("run", "--load", "synthetic", "--client", "all", "--workers", "4", "--rate", "1000",
                "--duration", "2", "--warmup", "0.5", "--warmup-max", "1", "--out", outDir.toString());
        assertThat(exit).isZero();
        summary = new SummaryTree(outDir);
    }

    @AfterAll
    static void nothingStartedIsStillRunning() {
        assertThat(ChildProcesses.aliveUnder(outDir)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jedis", "lettuce", "redisson"})
    void everyEventsReplyIsStampedAndEachPartSaysHowItWasGot(String client) {
        JsonNode result = summary.client(client);
        JsonNode split = result.at("/latencySplit");
        long consumed = required(result, "/events/consumed").asLong();

        assertThat(consumed).isGreaterThan(0);
        assertThat(required(split, "/client/count").asLong()).isEqualTo(consumed);
        assertThat(required(split, "/total/count").asLong()).isEqualTo(consumed);
        assertThat(required(split, "/total/p50Micros").asLong()).isEqualTo(required(result, "/latencyMicros/enqueueToDequeue/p50").asLong());
        for (String part : List.of("producer", "client", "total", "pushRoundTrip")) {
            assertThat(required(split, "/" + part + "/basis").asText()).as(part).isEqualTo("measured");
        }
        assertThat(required(split, "/redis/basis").asText()).isEqualTo("derived");
        for (String part : List.of("producer", "redis", "client", "total", "pushRoundTrip")) {
            assertThat(required(split, "/" + part + "/p50Micros").asLong()).as(part + " p50").isNotNegative();
            assertThat(required(split, "/" + part + "/p99Micros").asLong()).as(part + " p99")
                    .isGreaterThanOrEqualTo(required(split, "/" + part + "/p50Micros").asLong());
        }
        assertThat(summary.hlogCount(client, "clientShare")).isEqualTo(consumed);
    }

    /**
     * Per event, stamp → reply + client share = the total exactly, so p50(producer) + p50(redis) =
     * p50(stamp → reply) ≤ p50(total). Percentiles of a sum are not sums of percentiles, so the whole stack
     * may differ from the total's p50 by up to about the client's share: the bound allowed is the client's p99
     * plus 5 % of the total (HdrHistogram's buckets and microsecond stamps) plus 2 µs.
     */
    @ParameterizedTest
    @ValueSource(strings = {"jedis", "lettuce", "redisson"})
    void theStackedMediansAddUpToTheTotalsMedian(String client) {
        JsonNode split = summary.client(client).at("/latencySplit");
        long producer = required(split, "/producer/p50Micros").asLong();
        long redis = required(split, "/redis/p50Micros").asLong();
        long clientShare = required(split, "/client/p50Micros").asLong();
        long total = required(split, "/total/p50Micros").asLong();

        assertThat(producer + redis).isLessThanOrEqualTo(Math.round(total * 1.001) + 1);
        long bound = required(split, "/client/p99Micros").asLong() + Math.round(total * 0.05) + 2;
        assertThat(producer + redis + clientShare).isBetween(total - bound, total + bound);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jedis", "lettuce", "redisson"})
    void theProducerIsJedisOnConnectionsOfItsOwnWhateverTheClientUnderTest(String client) {
        JsonNode producer = summary.client(client).at("/producer");

        assertThat(required(producer, "/client").asText()).isEqualTo("jedis");
        // Pinned on 4 or more cores, otherwise not, and then the summary says why.
        boolean pins = Runtime.getRuntime().availableProcessors() >= 4;
        assertThat(required(producer, "/pinned").asBoolean()).isEqualTo(pins);
        JsonNode notPinnedBecause = producer.path("notPinnedBecause");
        assertThat(notPinnedBecause.isTextual() && !notPinnedBecause.asText().isBlank()).as("why not pinned: " + notPinnedBecause)
                .isEqualTo(!pins);
        assertThat(required(summary.client(client), "/clientEnvironment/producerClient").asText()).isEqualTo("jedis");
    }

    @Test
    void theReportDrawsTheSplit() throws Exception {
        String html = Files.readString(outDir.resolve("report.html"));

        assertThat(html).contains("Where the latency goes", "split-p50", "split-p99", "derived");
    }
}
