package dev.callq.bench.env;

import dev.callq.bench.HarnessException;
import dev.callq.bench.measure.ClockOffset;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The harness's own connection logs in as the URL says: a sharded run's barrier and clock on a Redis with a password. */
@Tag("processes")
class RespConnectionTest {
    @TempDir
    Path dir;

    @Test
    void logsInWithTheUrlsUserAndPasswordAndRefusesAWrongOneInOneLine() {
        try (LocalRedis redis = LocalRedis.start(dir, new LocalRedis.Security(true, false, false))) {
            RedisEndpoint login = redis.endpoint();
            assertThat(login.hasPassword()).isTrue();

            try (RespConnection connection = RespConnection.login(login, Duration.ofSeconds(2))) {
                assertThat(connection.callForLong("INCR", "callq:test")).isEqualTo(1);
            }
            ClockOffset offset = RedisClock.offset(login);
            assertThat(offset.uncertaintyMicros()).isLessThan(1_000_000);

            RedisEndpoint wrong = RedisEndpoint.parse("redis://" + login.user() + ":wrong@" + login.nodes().get(0));
            assertThatThrownBy(() -> RespConnection.login(wrong, Duration.ofSeconds(2)))
                    .isInstanceOf(HarnessException.class).hasMessageContaining("authentication failed")
                    .hasMessageNotContaining(login.password()).satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
            RedisEndpoint none = new RedisEndpoint(login.host(), login.port());
            assertThatThrownBy(() -> {
                try (RespConnection connection = RespConnection.login(none, Duration.ofSeconds(2))) {
                    connection.call("TIME");
                }
            }).isInstanceOf(HarnessException.class).hasMessageContaining("NOAUTH");
        }
    }
}
