package dev.callq.bench.env;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code --redis} as users write it, and printed without its password. */
class RedisEndpointTest {
    @Test
    void hostAndPortAloneIsAPlainServerPrintedAsBefore() {
        RedisEndpoint endpoint = RedisEndpoint.parse("10.0.0.7:6380");

        assertThat(endpoint).isEqualTo(new RedisEndpoint("10.0.0.7", 6380));
        assertThat(endpoint.toString()).isEqualTo("10.0.0.7:6380");
    }

    @Test
    void aUrlCarriesUserPasswordAndDatabaseAndPrintsTheUserOnly() {
        RedisEndpoint endpoint = RedisEndpoint.parse("redis://alice:p%40ss:word@redis.example:6379/3");

        assertThat(endpoint.kind()).isEqualTo(RedisEndpoint.Kind.PLAIN);
        assertThat(endpoint.user()).isEqualTo("alice");
        assertThat(endpoint.password()).isEqualTo("p@ss:word");
        assertThat(endpoint.database()).isEqualTo(3);
        assertThat(endpoint.host()).isEqualTo("redis.example");
        assertThat(endpoint.port()).isEqualTo(6379);
        assertThat(endpoint.toString()).isEqualTo("redis://alice:***@redis.example:6379/3");
    }

    @Test
    void aPasswordWithoutUserLogsInAsTheDefaultUser() {
        RedisEndpoint endpoint = RedisEndpoint.parse("redis://:s3cret@127.0.0.1:6379");

        assertThat(endpoint.user()).isNull();
        assertThat(endpoint.userName()).isEqualTo("default");
        assertThat(endpoint.password()).isEqualTo("s3cret");
        assertThat(endpoint.toString()).isEqualTo("redis://:***@127.0.0.1:6379");
    }

    @Test
    void aPasswordMayHoldAnAtSignAndStaysHidden() {
        RedisEndpoint endpoint = RedisEndpoint.parse("redis://carol:a@b@127.0.0.1:1");

        assertThat(endpoint.password()).isEqualTo("a@b");
        assertThat(RedisEndpoint.mask("redis://carol:a@b@127.0.0.1:1")).isEqualTo("redis://carol:***@127.0.0.1:1");
    }

    @Test
    void redissIsTls() {
        RedisEndpoint endpoint = RedisEndpoint.parse("rediss://bob:pw@localhost:6390");

        assertThat(endpoint.tls()).isTrue();
        assertThat(endpoint.toString()).isEqualTo("rediss://bob:***@localhost:6390");
    }

    @Test
    void aSentinelUrlListsTheSentinelsAndNamesTheMaster() {
        RedisEndpoint endpoint = RedisEndpoint.parse("redis-sentinel://:pw@s1:26379,s2:26380/mymaster/2");

        assertThat(endpoint.kind()).isEqualTo(RedisEndpoint.Kind.SENTINEL);
        assertThat(endpoint.nodes()).containsExactly(new RedisEndpoint.Address("s1", 26379),
                new RedisEndpoint.Address("s2", 26380));
        assertThat(endpoint.masterName()).isEqualTo("mymaster");
        assertThat(endpoint.database()).isEqualTo(2);
        assertThat(endpoint.toString()).isEqualTo("redis-sentinel://:***@s1:26379,s2:26380/mymaster/2");
        assertThat(endpoint.onMaster(new RedisEndpoint.Address("10.0.0.1", 6379)).toString())
                .isEqualTo("redis://:***@10.0.0.1:6379/2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis://:hunter2@host", "redis://u:hunter2@host:0", "http://u:hunter2@host:1",
            "redis://u:hunter2@host:1/x", "redis://u:hunter2@a:1,b:2", "redis-sentinel://u:hunter2@host:1",
            "redis://u:hunter2@host:1/0/extra"})
    void aBadUrlIsRefusedWithoutShowingItsPassword(String text) {
        assertThatThrownBy(() -> RedisEndpoint.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--redis")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void maskHidesThePasswordOfEveryUrlInAText() {
        String text = "--redis redis://alice:pw1@h:1 and rediss://:pw2@h:2/1 and redis-sentinel://pw3@s:3/m, h:4";

        assertThat(RedisEndpoint.mask(text)).isEqualTo("--redis redis://alice:***@h:1 and rediss://:***@h:2/1 and "
                + "redis-sentinel://:***@s:3/m, h:4");
        assertThat(List.of("pw1", "pw2", "pw3")).noneMatch(RedisEndpoint.mask(text)::contains);
    }
}
