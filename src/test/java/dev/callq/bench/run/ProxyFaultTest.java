package dev.callq.bench.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callq.bench.cli.Main;
import dev.callq.bench.measure.IntervalLogReader;
import dev.callq.bench.measure.Metric;
import dev.callq.bench.result.Timeseries;
import dev.callq.bench.testkit.NoProcessLeftBehind;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.callq.bench.testkit.Json.required;

/**
 * The faults the network proxy makes, end to end against the redis-server the run starts: the fault shows in
 * what is measured while it lasts, is undone when it ends, and the accounting stays exact.
 */
@Isolated("it asserts the length of a partition and the latency right after a fault")
@Tag("processes")
@ExtendWith(NoProcessLeftBehind.class)
class ProxyFaultTest {
    private static final long ADDED_RTT_MICROS = 5_000;
    /** Bytes read before a change keep their release time: an interval this long after it has only new ones. */
    private static final long SETTLE_MILLIS = 300;

    @TempDir
    Path tmp;

    /**
     * 5 ms of added round trip from 1 s to 3 s: every event of a second inside the fault crossed it (the
     * producer's RPUSH one way, the worker's BLPOP reply the other), and events after it are fast again. Over
     * TLS, which the proxy carries as bytes to the Redis callq starts (its certificate names 127.0.0.1).
     */
    @Test
    void addedLatencyIsAFloorWhileItLastsAndIsTakenOffAfterOverTls() throws Exception {
        Path out = tmp.resolve("latency");
        run(out, "lettuce", "--redis-tls", "--fault", "redis-latency:5ms@1s-3s");

        assertThat(required(new SummaryTree(out).summary(), "/environment/redisServer").asText()).contains("TLS");
        JsonNode result = new SummaryTree(out).client("lettuce");
        assertThat(required(result, "/events/lost").asLong()).as("lost").isZero();
        assertThat(required(result, "/events/duplicates").asLong()).as("duplicates").isZero();
        assertThat(required(result, "/events/consumed").asLong()).isEqualTo(required(result, "/events/expected").asLong());
        JsonNode fault = result.at("/faults/0");
        assertThat(fault.get("spec").asText()).isEqualTo("redis-latency:5ms@1s-3s");
        assertThat(fault.get("maxP99DuringMicros").asLong()).isGreaterThanOrEqualTo(ADDED_RTT_MICROS);
        assertThat(fault.path("recoverySeconds").isNumber()).as("recovered: " + fault).isTrue();
        long startMillis = fault.get("startedAtMicros").asLong() / 1_000;
        long endMillis = fault.get("endedAtMicros").asLong() / 1_000;

        List<Histogram> during = new ArrayList<>();
        List<Histogram> after = new ArrayList<>();
        for (Histogram interval : IntervalLogReader.intervals(out.resolve("lettuce.hlog"))) {
            if (!Metric.ENQUEUE_TO_DEQUEUE.tag().equals(interval.getTag()) || interval.getTotalCount() == 0) {
                continue;
            }
            if (interval.getStartTimeStamp() >= startMillis + SETTLE_MILLIS && interval.getEndTimeStamp() <= endMillis) {
                during.add(interval);
            } else if (interval.getStartTimeStamp() >= endMillis + SETTLE_MILLIS) {
                after.add(interval);
            }
        }
        assertThat(during).as("intervals inside the fault").isNotEmpty();
        assertThat(after).as("intervals after the fault").isNotEmpty();
        for (Histogram interval : during) {
            assertThat(interval.getMinValue()).as("fastest event inside the fault, µs")
                    .isGreaterThanOrEqualTo(ADDED_RTT_MICROS);
        }
        assertThat(after.stream().mapToLong(Histogram::getMinValue).min().orElseThrow())
                .as("fastest event after the fault, µs").isLessThan(ADDED_RTT_MICROS);
    }

    /**
     * A 1.5 s partition of the workers' link alone, shorter than the client timeout (pop timeout + 2 s): the
     * producer keeps pushing, the backlog the harness reads directly grows, the workers' held pops are
     * answered when it heals, and nothing is lost.
     */
    @Test
    void aWorkersPartitionShorterThanTheClientTimeoutLosesNothingAndTheBacklogDrains() throws Exception {
        Path out = tmp.resolve("partition");
        run(out, "jedis", "--fault", "redis-partition:1500ms@1s/workers");

        JsonNode result = new SummaryTree(out).client("jedis");
        assertThat(required(result, "/events/lost").asLong()).as("lost").isZero();
        assertThat(required(result, "/events/duplicates").asLong()).as("duplicates").isZero();
        assertThat(required(result, "/events/consumed").asLong()).isEqualTo(required(result, "/events/expected").asLong());
        JsonNode fault = result.at("/faults/0");
        assertThat(fault.get("spec").asText()).isEqualTo("redis-partition:1500ms@1s/workers");
        long lengthMicros = fault.get("endedAtMicros").asLong() - fault.get("startedAtMicros").asLong();
        assertThat(lengthMicros).as("partition length").isBetween(1_400_000L, 2_500_000L);
        // 200 events/s for 1.5 s with nobody consuming: the backlog the sampler read directly from Redis.
        long maxBacklog = Timeseries.read(Timeseries.file(out, "jedis")).stream()
                .mapToLong(Timeseries.Second::backlog).max().orElse(0);
        assertThat(maxBacklog).as("max backlog during the partition").isGreaterThanOrEqualTo(100);
        assertThat(fault.get("maxP99DuringMicros").asLong()).as("p99 during the partition, µs")
                .isGreaterThanOrEqualTo(1_000_000L);
        assertThat(fault.path("recoverySeconds").isNumber()).as("recovered: " + fault).isTrue();
        assertThat(fault.get("recoverySeconds").asDouble()).isLessThan(3);
    }

    /**
     * Every connection through both proxies reset 1 s into a 3 s run of the reliable pattern, for each client:
     * the workers see the error, reconnect and consume again, and the accounting stays exact. A push whose
     * reply the reset took may have landed; the accounting counts such events instead of calling them
     * unexpected. An acknowledgement the reset took may deliver an event twice (at least once), never lose it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"jedis", "lettuce"})
    void aResetOfEveryConnectionLosesNothingReliableAndConsumptionResumes(String client) throws Exception {
        Path out = tmp.resolve("reset-" + client);
        run(out, client, 3, "--pattern", "reliable", "--fault", "redis-reset@1s");

        JsonNode result = new SummaryTree(out).client(client);
        assertThat(required(result, "/events/lost").asLong()).as("lost").isZero();
        assertThat(required(result, "/events/unique").asLong()).as("unique events consumed")
                .isEqualTo(required(result, "/events/expected").asLong() + required(result, "/accounting/pushedDespiteFailure").asLong());
        for (JsonNode check : result.at("/accounting/crossCheck")) {
            assertThat(check.get("ok").asBoolean()).as(check.toString()).isTrue();
        }
        JsonNode fault = result.at("/faults/0");
        assertThat(fault.get("spec").asText()).isEqualTo("redis-reset@1s");
        // 4 workers and the producer at least were connected when it struck.
        assertThat(Integer.parseInt(fault.get("note").asText().replaceAll("\\D.*", ""))).as(fault.get("note").asText())
                .isGreaterThanOrEqualTo(5);
        assertThat(required(result, "/pollErrors").asLong()).as("pops that saw the reset").isPositive();
        long firstWholeSecondAfter = fault.get("endedAtMicros").asLong() / 1_000_000 + 1;
        assertThat(Timeseries.read(Timeseries.file(out, client)))
                .as("a second after the reset in which events were consumed")
                .anyMatch(second -> second.epochSecond() >= firstWholeSecondAfter && second.consumedPerSec() > 0);
    }

    private static void run(Path out, String client, String... extra) {
        run(out, client, 5, extra);
    }

    private static void run(Path out, String client, int measuredSeconds, String... extra) {
        // Exit codes are not asserted: on a busy machine a run this short may trip the producer-lag check,
        // which says nothing about the proxy; the accounting is asserted instead.
        List<String> args = new ArrayList<>(List.of("run", "--load", "synthetic", "--client", client,
                "--rate", "200", "--warmup", "0", "--pop-timeout-ms", "200", "--duration", Integer.toString(measuredSeconds),
                "--drain-timeout", "10", "--out", out.toString()));
        args.addAll(List.of(extra));
        Main.execute(args.toArray(String[]::new));
    }
}
