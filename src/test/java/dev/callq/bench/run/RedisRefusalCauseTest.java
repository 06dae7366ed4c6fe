package dev.callq.bench.run;

import dev.callq.bench.testkit.ChildProcesses;
import com.fasterxml.jackson.databind.JsonNode;
import dev.callq.bench.ExitCode;
import dev.callq.bench.cli.Main;
import dev.callq.bench.env.LocalRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A push Redis refuses is named by Redis's own words: with maxmemory exhausted under noeviction, every
 * RPUSH gets "OOM command not allowed", and the run says OOM, not that the producer fell behind.
 */
@Tag("processes")
class RedisRefusalCauseTest {
    @TempDir
    Path tmp;

    @AfterEach
    void nothingStartedIsStillRunning() {
        assertThat(ChildProcesses.aliveUnder(tmp)).isEmpty();
    }

    @Test
    void pushesRefusedForLackOfMemoryAreCountedAsOom() throws Exception {
        Path out = tmp.resolve("out");
        int exit;
        try (LocalRedis redis = LocalRedis.start(Files.createDirectories(tmp.resolve("redis")))) {
            try (Jedis jedis = new Jedis(redis.endpoint().host(), redis.endpoint().port())) {
                jedis.configSet("maxmemory-policy", "noeviction");
                // One byte: whatever Redis holds is over it, so every command that may grow memory is refused.
                jedis.configSet("maxmemory", "1");
            }
            exit = Main.execute("run", "--load", "synthetic", "--client", "jedis", "--workers", "1", "--rate", "200",
                    "--duration", "2", "--warmup", "0", "--redis", redis.endpoint().toString(), "--out", out.toString());
        }

        assertThat(exit).isEqualTo(ExitCode.UNTRUSTWORTHY);
        JsonNode producer = new SummaryTree(out).client("jedis").get("producer");
        assertThat(producer).as("producer block").isNotNull();
        long failures = producer.get("pushFailures").asLong();
        assertThat(failures).isPositive();
        JsonNode causes = producer.get("pushFailureCauses");
        assertThat(causes).as("pushFailureCauses in " + producer).isNotNull();
        assertThat(causes.get("OOM")).as("OOM in " + causes).isNotNull();
        assertThat(causes.get("OOM").asLong()).isEqualTo(failures);
        JsonNode warnings = new SummaryTree(out).client("jedis").get("warnings");
        assertThat(warnings.toString()).contains("REDIS REFUSED PUSHES: " + failures + " of " + failures
                + " pushes failed (OOM " + failures + ")").doesNotContain("PRODUCER FELL BEHIND");
        assertThat(Files.readString(out.resolve("report.html"))).contains("OOM " + failures);
    }
}
