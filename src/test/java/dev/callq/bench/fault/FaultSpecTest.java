package dev.callq.bench.fault;

import dev.callq.bench.netem.RoundTrip;
import dev.callq.bench.options.RunOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** --fault specs: each form read and spelled back, every mistake and unsupported fault one line. */
class FaultSpecTest {
    @ParameterizedTest
    @ValueSource(strings = {"redis-pause:3s@5s", "redis-restart@5s", "redis-failover@5s", "redis-latency:2ms@5s-15s",
            "redis-partition:4s@5s", "consumer-crash:1@5s", "kamailio-restart@1500ms", "sip-loss:5%",
            "redis-partition:4s@5s/workers", "redis-latency:2ms@5s-15s/producer", "redis-latency:2ms~1ms@5s-15s",
            "redis-latency:0.5ms~0.2ms@1500ms-3s/workers", "redis-reset@5s", "redis-reset@2500ms/producer",
            "redis-bandwidth:8mbit@5s-15s", "redis-bandwidth:1500kbit@1s-2s/workers", "redis-bandwidth:2gbit@1s-2s",
            "redis-bandwidth:100bit@1s-2s"})
    void eachFormIsReadAndSpelledBack(String spec) {
        assertThat(FaultSpec.parse(spec).toString()).isEqualTo(spec);
    }

    @Test
    void timesAndAmountsAreRead() {
        FaultSpec pause = FaultSpec.parse("redis-pause:1500ms@2.5s");
        assertThat(pause.at()).isEqualTo(Duration.ofMillis(2500));
        assertThat(pause.end()).isEqualTo(Duration.ofSeconds(4));
        assertThat(FaultSpec.parse("consumer-crash:2@1s").crashedWorkers()).isEqualTo(2);
        assertThat(FaultSpec.parse("redis-latency:2ms@5s-15s").length()).isEqualTo(Duration.ofSeconds(10));
        assertThat(FaultSpec.parse("redis-latency:2ms@5s-15s").oneWayDelay()).isEqualTo(Duration.ofMillis(1));
        assertThat(FaultSpec.parse("redis-partition:4s@5s").side()).isEqualTo(FaultSpec.Side.ALL);
        assertThat(FaultSpec.parse("redis-partition:4s@5s/all").toString()).isEqualTo("redis-partition:4s@5s");
        assertThat(FaultSpec.parse("redis-partition:4s@5s/producer").side()).isEqualTo(FaultSpec.Side.PRODUCER);
        FaultSpec jittered = FaultSpec.parse("redis-latency:2ms~1ms@5s-15s");
        assertThat(jittered.oneWayDelay()).isEqualTo(Duration.ofMillis(1));
        assertThat(jittered.oneWayJitter()).isEqualTo(Duration.ofNanos(500_000));
        assertThat(FaultSpec.parse("redis-latency:2ms@5s-15s").oneWayJitter()).isZero();
        FaultSpec reset = FaultSpec.parse("redis-reset@5s/workers");
        assertThat(reset.length()).isZero();
        assertThat(reset.side()).isEqualTo(FaultSpec.Side.WORKERS);
        FaultSpec capped = FaultSpec.parse("redis-bandwidth:1.5mbit@5s-15s");
        assertThat(capped.bytesPerSecond()).isEqualTo(187_500);
        assertThat(capped.length()).isEqualTo(Duration.ofSeconds(10));
        assertThat(capped.toString()).isEqualTo("redis-bandwidth:1500kbit@5s-15s");
    }

    @Test
    void timesTakeEveryUnitOfTheDurationGrammarAndABareNumberIsSeconds() {
        FaultSpec pause = FaultSpec.parse("redis-pause:250000us@5");
        assertThat(pause.length()).isEqualTo(Duration.ofMillis(250));
        assertThat(pause.at()).isEqualTo(Duration.ofSeconds(5));
        assertThat(FaultSpec.parse("redis-pause:3@1500µs").at()).isEqualTo(Duration.ofNanos(1_500_000));
        assertThat(FaultSpec.parse("redis-latency:500us@1s-2s").oneWayDelay()).isEqualTo(Duration.ofNanos(250_000));
    }

    @Test
    void redisLatencyAndRedisRttReadTheirRoundTripAlike() {
        RoundTrip added = RoundTrip.parse("2ms~1ms", "--redis-rtt");
        FaultSpec fault = FaultSpec.parse("redis-latency:2ms~1ms@5s-15s");

        assertThat(added).isEqualTo(new RoundTrip(Duration.ofMillis(2), Duration.ofMillis(1)));
        assertThat(added.oneWay()).isEqualTo(fault.oneWayDelay());
        assertThat(added.oneWayJitter()).isEqualTo(fault.oneWayJitter());
        assertThat(RoundTrip.parse("500us", "--redis-rtt")).isEqualTo(new RoundTrip(Duration.ofNanos(500_000), Duration.ZERO));
        assertThat(RoundTrip.parse("0.5ms~0.2ms", "--redis-rtt").toString()).isEqualTo("500us~200us");
        assertThat(RoundTrip.parse("2ms~2ms", "--redis-rtt").jitter()).as("as large as the round trip").isEqualTo(Duration.ofMillis(2));
        assertThatThrownBy(() -> RoundTrip.parse("2ms~3ms", "--redis-rtt")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--redis-rtt's jitter must not exceed its round trip (a delay is never negative), not 2ms~3ms");
        assertThatThrownBy(() -> RoundTrip.parse("~1ms", "--redis-rtt")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--redis-rtt: '' is not a number with a unit us, ms or s, such as 0.5ms");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "redis-pause@5s|redis-pause needs a length",
            "redis-restart|redis-restart needs @TIME",
            "sip-loss:5%@2s|sip-loss takes a percentage and lasts the whole run",
            "consumer-crash:1.5@2s|consumer-crash's count must be a whole number",
            "disk-full@2s|unknown fault 'disk-full'",
            "redis-pause:3s@5s-9s|only redis-latency and redis-bandwidth take a range",
            "redis-pause:3s@5s/workers|only the proxy's faults (redis-latency, redis-partition, redis-reset, redis-bandwidth) take a side",
            "redis-latency:2ms~3ms@5s-15s|redis-latency's jitter must not exceed its round trip",
            "redis-latency:2ms~2.5ms@5s-15s|redis-latency's jitter must not exceed its round trip",
            "redis-latency:2ms~1@5s-15s|the forms are",
            "redis-partition:4s~1ms@5s|only redis-latency takes a jitter",
            "redis-latency:2ms@5s-4s|the range must end after it starts",
            "redis-reset:1s@5s|redis-reset takes no argument",
            "redis-reset@5s-6s|only redis-latency and redis-bandwidth take a range",
            "redis-reset@5s/kamailio|the side must be /workers, /producer or /all",
            "redis-bandwidth:8mbps@5s-15s|the forms are",
            "redis-bandwidth:8mbit@5s|redis-bandwidth needs a rate in bits/s and a range",
            "redis-bandwidth:8ms@5s-15s|redis-bandwidth needs a rate in bits/s and a range",
            "redis-bandwidth:4bit@5s-15s|redis-bandwidth's rate must be at least 8bit",
            "redis-partition:3s@5s/kamailio|the side must be /workers, /producer or /all"})
    void aMistakeIsOneLineNamingTheForms(String spec, String why) {
        assertThatThrownBy(() -> FaultSpec.parse(spec)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--fault '" + spec + "': " + why)
                .hasMessageContaining("the forms are redis-pause:3s@5s").hasMessageNotContaining("\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "kamailio-restart@1s|synthetic|needs --load sip",
            "consumer-crash:4@1s|synthetic|would kill 4 of 4 workers",
            "redis-pause:1s@20s|synthetic|starts after the measured phase's 10.0 s"})
    void aFaultTheRunCannotHaveIsRefusedBeforeItStarts(String spec, String load, String why) {
        RunOptions options = RunOptions.of("--load", load, "--duration", "10", "--workers", "4", "--fault", spec);

        assertThatThrownBy(() -> options.toConfig(Path.of("out"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(why);
    }

    @Test
    void twoFaultsOfOneKindAtOnceAreRefusedAndApartOrOnOtherSidesAccepted() {
        RunOptions overlapping = RunOptions.of("--load", "synthetic", "--duration", "10", "--workers", "4",
                "--fault", "redis-pause:3s@2s", "--fault", "redis-pause:3s@4s");
        assertThatThrownBy(() -> overlapping.toConfig(Path.of("out"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--fault redis-pause:3s@2s and --fault redis-pause:3s@4s overlap: one redis-pause at a "
                        + "time (the first to end would end the other)");

        RunOptions apart = RunOptions.of("--load", "synthetic", "--duration", "10", "--workers", "4",
                "--fault", "redis-pause:1s@2s", "--fault", "redis-pause:1s@4s",
                "--fault", "redis-partition:2s@1s/workers", "--fault", "redis-partition:2s@1s/producer");
        assertThat(apart.toConfig(Path.of("out")).faults()).hasSize(4);
    }

    @Test
    void aFailoverStartsTheSentinelTopologyUnlessTheRedisIsTheUsers() {
        RunOptions failover = RunOptions.of("--load", "synthetic", "--duration", "10", "--workers", "4",
                "--fault", "redis-failover@1s");
        RunOptions pause = failover.copy();
        pause.faults = List.of(FaultSpec.parse("redis-pause:1s@1s"));
        RunOptions external = failover.copy();
        external.redis = "127.0.0.1:6379";

        assertThat(failover.toConfig(Path.of("out")).redisSentinel()).isTrue();
        assertThat(pause.toConfig(Path.of("out")).redisSentinel()).isFalse();
        assertThatThrownBy(() -> external.toConfig(Path.of("out"))).hasMessage("--fault redis-failover@1s needs the Sentinel topology callq "
                + "starts (a primary, a replica and the sentinels that promote it), not --redis");
    }

    @Test
    void aProxyFaultIsRefusedWithSentinel() {
        RunOptions options = RunOptions.parse(List.of("--load", "synthetic", "--redis-sentinel",
                "--fault", "redis-partition:1s@1s"));

        assertThatThrownBy(() -> options.toConfig(Path.of("out")))
                .hasMessage("--fault redis-partition:1s@1s cannot go with a Sentinel deployment: its clients dial "
                        + "the master Sentinel names, around the proxy");
    }

    /** TLS passes through the proxy, but a client checks the certificate's name against the proxy's address. */
    @Test
    void theProxyIsRefusedForATlsRedisNotOnLoopback() {
        RunOptions options = RunOptions.parse(List.of("--load", "synthetic", "--redis",
                "rediss://redis.example.com:6380", "--fault", "redis-latency:2ms@1s-2s"));

        assertThatThrownBy(() -> options.toConfig(Path.of("out")))
                .hasMessage("--redis-rtt and the proxy's faults go with rediss:// only for a Redis at 127.0.0.1: the "
                        + "clients would check the certificate of redis.example.com against the proxy's address 127.0.0.1");
    }

    @Test
    void aRedisFaultIsRefusedForAnExternalRedis() {
        RunOptions options = RunOptions.parse(List.of("--load", "synthetic", "--redis", "127.0.0.1:6390",
                "--fault", "redis-pause:1s@1s"));

        assertThatThrownBy(() -> options.toConfig(Path.of("out")))
                .hasMessage("--fault redis-pause:1s@1s needs the Redis callq starts; it does not signal an external "
                        + "Redis (--redis)");
    }
}
