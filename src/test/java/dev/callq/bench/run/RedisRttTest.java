package dev.callq.bench.run;

import dev.callq.bench.cli.Main;
import dev.callq.bench.measure.Metric;
import dev.callq.bench.testkit.NoProcessLeftBehind;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.callq.bench.testkit.Json.required;

/** {@code --redis-rtt}: the added round trip shows in the measured latency, for every client, and is recorded. */
@Tag("processes")
@ExtendWith(NoProcessLeftBehind.class)
class RedisRttTest {
    private static final long RTT_MICROS = 2_000;

    @TempDir
    Path tmp;

    @Test
    void twoMillisecondsOfRoundTripAreAFloorUnderEveryEventAndMoveTheMedian() throws Exception {
        Path loopback = tmp.resolve("loopback");
        Path network = tmp.resolve("network");
        // Exit codes are not asserted: on a busy machine a run this short may trip the producer-lag
        // check, which says nothing about the proxy. Every event must still arrive.
        run(loopback, "all");
        run(network, "all", "--redis-rtt", "2ms");

        SummaryTree direct = new SummaryTree(loopback);
        SummaryTree proxied = new SummaryTree(network);
        for (String client : List.of("jedis", "lettuce")) {
            // At 300 events/s four workers are idle, each blocked in BLPOP with its request long at Redis.
            // An event's measured path is the producer's RPUSH crossing to Redis (one way, RTT/2) and the
            // waiting worker's BLPOP reply crossing back (RTT/2): one round trip in all. The worker's next
            // BLPOP request is off the path, and the RPUSH reply only paces the producer. So no event can
            // be faster than the RTT, and the median moves by at least the RTT over the loopback run.
            Histogram loopbackWaits = direct.hlog(client, Metric.ENQUEUE_TO_DEQUEUE.tag());
            Histogram proxiedWaits = proxied.hlog(client, Metric.ENQUEUE_TO_DEQUEUE.tag());
            assertThat(proxiedWaits.getTotalCount()).as(client + " samples").isGreaterThan(200);
            assertThat(proxiedWaits.getMinValue()).as(client + ": fastest event through 2 ms of RTT, µs")
                    .isGreaterThanOrEqualTo(RTT_MICROS);
            // Against the loopback run's fastest events, not its median: on a busy 2-core machine a
            // loopback median moves by a millisecond from run to run (368 µs for one client, 1,472 µs for
            // the other in one run), which would hide the shift this test is about.
            long proxiedP50 = proxiedWaits.getValueAtPercentile(50);
            long loopbackFloor = loopbackWaits.getMinValue();
            assertThat(proxiedP50 - loopbackFloor).as(client + ": p50 through 2 ms of RTT (%d µs) minus the fastest "
                    + "loopback event (%d µs)", proxiedP50, loopbackFloor).isGreaterThanOrEqualTo(RTT_MICROS);
            assertThat(required(proxied.client(client), "/events/lost").asLong()).isZero();
            assertThat(required(proxied.client(client), "/events/consumed").asLong())
                    .isEqualTo(required(proxied.client(client), "/events/expected").asLong());
        }
        assertThat(required(proxied.summary(), "/config/redisRttMicros").asLong()).isEqualTo(RTT_MICROS);
        assertThat(required(direct.summary(), "/config/redisRttMicros").asLong()).isZero();
        assertThat(required(proxied.summary(), "/environment/redisProxy").asText())
                .startsWith("to Redis +1 ms, from Redis +1 ms");
        assertThat(direct.summary().at("/environment/redisProxy").isMissingNode()).isTrue();
        assertThat(Files.readString(network.resolve("report.html"))).contains("redisRttMicros").contains("redisProxy");
    }

    @Test
    void aRoundTripWithJitterLetsSomeEventsUnderTheFloorOfAFixedOne() throws Exception {
        Path network = tmp.resolve("jittered");
        run(network, "jedis", "--redis-rtt", "2ms~1.6ms");

        SummaryTree proxied = new SummaryTree(network);
        // Each way is drawn from 1 ms ± 0.8 ms, so an event's round trip lies within 0.4–3.6 ms: half of
        // them under the 2 ms that a fixed round trip makes a floor (see above), one in eight under 1.2 ms,
        // which leaves 0.8 ms of the machine's own delay before the fastest of some 300 events reaches 2 ms.
        Histogram waits = proxied.hlog("jedis", Metric.ENQUEUE_TO_DEQUEUE.tag());
        assertThat(waits.getTotalCount()).as("samples").isGreaterThan(200);
        assertThat(waits.getMinValue()).as("fastest event through 2 ms ± 1.6 ms of RTT, µs").isLessThan(RTT_MICROS);
        assertThat(required(proxied.client("jedis"), "/events/lost").asLong()).isZero();
        assertThat(required(proxied.summary(), "/config/redisRttMicros").asLong()).isEqualTo(RTT_MICROS);
        assertThat(required(proxied.summary(), "/config/redisRttJitterMicros").asLong()).isEqualTo(1_600);
        assertThat(required(proxied.summary(), "/environment/redisProxy").asText())
                .startsWith("to Redis +1 ms ±800 µs, from Redis +1 ms ±800 µs");
    }

    private static int run(Path outDir, String client, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "--load", "synthetic", "--client", client,
                "--workers", "4", "--rate", "300", "--duration", "1", "--warmup", "1", "--warmup-max", "1",
                "--out", outDir.toString()));
        args.addAll(List.of(extra));
        return Main.execute(args.toArray(String[]::new));
    }
}
