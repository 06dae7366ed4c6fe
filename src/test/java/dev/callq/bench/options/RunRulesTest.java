package dev.callq.bench.options;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The combinations of options a run refuses, decided in one place whichever way they are spelled. */
class RunRulesTest {
    /**
     * A Sentinel deployment, started by callq or given as a URL, cannot go through the network proxy: the
     * clients ask the sentinels for the master's address and dial it directly. One rule, one sentence.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--redis-sentinel                                  | --redis-rtt 1ms                    | --redis-rtt",
            "--redis redis-sentinel://127.0.0.1:26379/mymaster | --redis-rtt 1ms                    | --redis-rtt",
            "--redis-sentinel                                  | --fault redis-reset@1s             | --fault redis-reset@1s",
            "--redis redis-sentinel://127.0.0.1:26379/mymaster | --fault redis-latency:2ms@1s-2s    | --fault redis-latency:2ms@1s-2s"})
    void whatGoesThroughTheProxyIsRefusedForEverySentinelDeployment(String sentinel, String proxied, String named) {
        List<String> args = new ArrayList<>(List.of("--load", "synthetic", "--duration", "3"));
        args.addAll(Arrays.asList(sentinel.split(" ")));
        args.addAll(Arrays.asList(proxied.split(" ")));
        RunOptions options = RunOptions.parse(args);

        assertThatThrownBy(() -> options.toConfig(Path.of("out")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(named + " cannot go with a Sentinel deployment: its clients dial the master Sentinel "
                        + "names, around the proxy");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--load sip --rate ramp:10-20                           | --rate steps and ramps need --load synthetic",
            "--role consumer --client jedis --load synthetic        | --role consumer needs --redis: the shards meet in the Redis under test",
            "--shard 1/2 --load synthetic                           | --shard needs --role producer, consumer or sip-load",
            "--load synthetic --redis 127.0.0.1:6390 --redis-persistence aof | --redis-persistence configures the Redis callq starts, not --redis",
            "--load synthetic --redis-ca ca.pem                     | --redis-ca needs --redis rediss://…; --redis-tls makes its own CA"})
    void optionsThatDoNotGoTogetherAreRefusedInOneLineNamingThem(String given, String message) {
        assertThatThrownBy(() -> RunOptions.parse(Arrays.asList(given.strip().split(" +"))).toConfig(Path.of("out")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }
}
