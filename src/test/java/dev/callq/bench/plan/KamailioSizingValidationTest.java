package dev.callq.bench.plan;

import dev.callq.bench.testkit.StartsEarly;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callq.bench.ExitCode;
import dev.callq.bench.cli.Main;
import dev.callq.bench.testkit.ChildProcesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.callq.bench.testkit.Json.required;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code callq plan --load sip} sizes Kamailio's SIP workers from the push rate and the Redis round trip
 * (docs/planning.md, step 7); a SIP run at that rate, through the same added round trip, with the workers and
 * Kamailio children the plan printed, must carry every call and keep up. The plan is kept small (three
 * one-second saturated runs, no validation) and the SIP run short (3 s measured): a check of the sizing, not a
 * benchmark.
 */
@StartsEarly
@Tag("processes")
class KamailioSizingValidationTest {
    private static final String REDIS_RTT = "5ms";
    private static final String SERVICE_TIME = "fixed:5ms";
    /** Events/s: one push per INVITE and per BYE, so half as many calls/s. */
    private static final int EVENTS_PER_SEC = 200;

    @TempDir
    Path dir;

    @AfterEach
    void nothingStartedIsStillRunning() {
        assertThat(ChildProcesses.aliveUnder(dir)).isEmpty();
    }

    @Test
    void theKamailioChildrenThePlanSizesCarryItsRateThroughTheSameRoundTrip() throws Exception {
        Path planDir = dir.resolve("plan");
        int planExit = Main.execute("plan", "--load", "sip", "--client", "jedis",
                "--rate", Integer.toString(EVENTS_PER_SEC), "--slo", "p99=200ms", "--service-time", SERVICE_TIME,
                "--no-validate", "--sweep-workers", "1,2,4", "--sweep-seconds", "1", "--sweep-warmup", "0",
                "--ceiling-seconds", "1", "--ceiling-rate", "2000", "--redis-rtt", REDIS_RTT,
                "--out", planDir.toString());
        // The plan's short no-work Redis ceiling run keeps 16 pops in flight, each a round trip long: on a busy
        // machine it can fall below the rate, and the plan then says no pool meets the objective (exit 3). The
        // Kamailio sizing, which this checks, is written either way.
        assertThat(planExit).isIn(ExitCode.OK, ExitCode.UNTRUSTWORTHY);
        JsonNode plan = required(new ObjectMapper().readTree(planDir.resolve("plan.json").toFile()), "/clients/0");
        JsonNode kamailio = required(plan, "/kamailioWorkers");
        int children = required(kamailio, "/workers").asInt();
        int workers = required(plan, "/recommendedWorkers").asInt();
        // The added round trip holds a child per push: at least Little's law's busy children, and more than one.
        double busy = required(kamailio, "/busyOnAverage").asDouble();
        assertThat(busy).isGreaterThan(EVENTS_PER_SEC * 0.005);
        assertThat(children).isGreaterThanOrEqualTo((int) Math.ceil(busy)).isGreaterThan(1);

        Path runDir = dir.resolve("run");
        int runExit = Main.execute("run", "--load", "sip", "--client", "jedis",
                "--rate", Integer.toString(EVENTS_PER_SEC / 2), "--workers", Integer.toString(workers),
                "--service-time", SERVICE_TIME, "--redis-rtt", REDIS_RTT,
                "--kamailio-children", Integer.toString(children), "--duration", "3", "--warmup", "1", "--warmup-max", "2",
                "--out", runDir.toString());

        assertThat(runExit).isZero();
        JsonNode summary = new ObjectMapper().readTree(runDir.resolve("summary.json").toFile());
        assertThat(required(summary, "/config/kamailioChildren").asInt()).isEqualTo(children);
        JsonNode client = required(summary, "/clients/0");
        assertThat(required(client, "/sustained/verdict").asText()).isEqualTo("sustained");
        JsonNode calls = required(client, "/calls");
        assertThat(required(calls, "/failed").asLong()).isZero();
        assertThat(required(calls, "/succeeded").asLong()).isEqualTo(required(calls, "/attempted").asLong())
                .isPositive();
        assertThat(required(calls, "/rfc6076/serPercent").asDouble()).isEqualTo(100.0);
        assertThat(required(client, "/events/lost").asLong()).isZero();
    }
}
