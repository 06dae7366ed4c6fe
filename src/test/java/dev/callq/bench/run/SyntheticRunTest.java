package dev.callq.bench.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callq.bench.cli.Main;
import dev.callq.bench.testkit.NoProcessLeftBehind;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.callq.bench.testkit.Json.required;

/**
 * The open-loop producer straight into a real redis-server, each pattern once end to end, the clients taking
 * turns: every client's code for every pattern is held to exactly-once delivery by the driver contract
 * ({@code driver/QueueDriverContractTest}), so a run per pair would measure the same path again.
 */
@Isolated("it asserts the producer held its rate within 1 %")
@Tag("processes")
@ExtendWith(NoProcessLeftBehind.class)
class SyntheticRunTest {
    @TempDir
    Path outDir;

    @ParameterizedTest
    @CsvSource({"lettuce,blpop", "jedis,reliable", "lettuce,batch", "jedis,stream"})
    void everyEventIsConsumedExactlyOnceAndTheProducerKeepsItsRate(String client, String pattern) throws Exception {
        int exit = Main.execute("run", "--load", "synthetic", "--client", client, "--pattern", pattern,
                "--workers", "4", "--rate", "2000", "--duration", "2", "--warmup", "0.5",
                "--service-time", "fixed:100us", "--out", outDir.toString());

        assertThat(exit).isZero();
        JsonNode result = new SummaryTree(outDir).client(client);
        long pushed = required(result, "/producer/pushed").asLong();
        assertThat(pushed).as("2 s at 2,000 events/s, within 1 %").isBetween(3960L, 4040L);
        assertThat(required(result, "/events/expected").asLong()).isEqualTo(pushed);
        assertThat(required(result, "/events/consumed").asLong()).isEqualTo(pushed);
        assertThat(required(result, "/events/unique").asLong()).isEqualTo(pushed);
        assertThat(required(result, "/events/lost").asLong()).isZero();
        assertThat(required(result, "/events/leftInQueue").asLong()).isZero();
        assertThat(required(result, "/latencyMicros/serviceTime/count").asLong()).isEqualTo(pushed);
        assertThat(required(result, "/latencyMicros/enqueueToDone/count").asLong()).isEqualTo(pushed);
        assertThat(required(result, "/producer/lagMicros/count").asLong()).isEqualTo(pushed);
        assertThat(required(result, "/producer/achievedRate").asDouble()).isCloseTo(2000, org.assertj.core.data.Percentage.withPercentage(1));
        assertThat(required(result, "/producer/keptSchedule").asBoolean()).isTrue();
        assertThat(required(result, "/warmupSeconds").asDouble()).isBetween(0.5, 15.0 + 1);
        assertThat(required(result, "/events/warmupConsumed").asLong()).isGreaterThanOrEqualTo(1000);
        assertThat(required(result, "/accounting/basis").asText()).isEqualTo("identity");
        JsonNode checks = result.at("/accounting/crossCheck");
        assertThat(checks.size()).as("push and left-in-queue checks at least").isGreaterThanOrEqualTo(2);
        checks.forEach(check -> assertThat(required(check, "/ok").asBoolean()).as(check.toString()).isTrue());
    }

    /** 150/s for 2 s with this schedule's seed draws fewer than 300 arrivals: that is the schedule, not a late producer. */
    @Test
    void poissonArrivalsAreJudgedAgainstTheScheduleTheyDrew() throws Exception {
        int exit = Main.execute("run", "--load", "synthetic", "--client", "jedis", "--workers", "2", "--rate", "150",
                "--arrivals", "poisson", "--duration", "2", "--warmup", "0", "--out", outDir.toString());

        assertThat(exit).isZero();
        JsonNode producer = new SummaryTree(outDir).client("jedis").at("/producer");
        assertThat(required(producer, "/targetRate").asDouble()).isEqualTo(150);
        assertThat(required(producer, "/scheduledRate").asDouble()).isEqualTo(required(producer, "/pushed").asLong() / 2.0)
                .isNotEqualTo(150);
        assertThat(required(producer, "/achievedRate").asDouble()).isCloseTo(required(producer, "/scheduledRate").asDouble(),
                org.assertj.core.data.Percentage.withPercentage(1));
        assertThat(required(producer, "/keptSchedule").asBoolean()).isTrue();
    }
}
