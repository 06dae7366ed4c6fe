package dev.callq.bench.run;

import dev.callq.bench.env.LocalRedis;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --redis host:port} against a redis-server the test started itself: no Docker needed. */
@Tag("processes")
class ExternalLocalRedisTest {
    @TempDir
    Path tmp;

    @Test
    void measuresARedisItDidNotStartAndLeavesItRunning() throws Exception {
        try (LocalRedis redis = LocalRedis.start(tmp)) {
            ExternalRedisTest.assertBalancedRunAgainst(redis.endpoint(), tmp.resolve("out"));

            assertThat(dev.callq.bench.env.RedisProbe.ping(redis.endpoint(), java.time.Duration.ofSeconds(1))).isTrue();
        }
    }
}
