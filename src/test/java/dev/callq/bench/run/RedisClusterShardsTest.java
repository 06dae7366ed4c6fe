package dev.callq.bench.run;

import dev.callq.bench.options.RunOptions;
import dev.callq.bench.options.RunOptions;
import dev.callq.bench.result.Shard;
import dev.callq.bench.shard.ShardQueues;
import com.fasterxml.jackson.databind.JsonNode;
import dev.callq.bench.cli.Main;
import dev.callq.bench.env.LocalRedisCluster;
import dev.callq.bench.env.RedisClusterSlots;
import dev.callq.bench.result.Role;
import dev.callq.bench.result.ShardPart;
import dev.callq.bench.testkit.NoProcessLeftBehind;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.callq.bench.testkit.Json.required;

/**
 * {@code --redis redis-cluster://…}: two producer and two consumer shards against a local three-primary
 * Redis Cluster, the queues under hash tags of their own on different primaries, each consumer on its own
 * queue; merged, every event is accounted for exactly once. Short: one second of load per client.
 */
@Tag("processes")
@ExtendWith(NoProcessLeftBehind.class)
class RedisClusterShardsTest {
    private static final int SHARDS = 2;
    private static final int RATE_PER_SEC = 600;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"jedis", "lettuce"})
    void shardsOverAClusterAccountForEveryEventExactlyOnce(String client) throws Exception {
        Path out = tmp.resolve("cluster-" + client);
        try (LocalRedisCluster cluster = LocalRedisCluster.start(Files.createDirectories(tmp.resolve("cluster")))) {
            RedisClusterSlots slots = RedisClusterSlots.read(cluster.endpoints());
            assertThat(slots.primaryFor(ShardQueues.clusterKey(RunOptions.defaults().key, 0)))
                    .isNotEqualTo(slots.primaryFor(ShardQueues.clusterKey(RunOptions.defaults().key, 1)));
            List<Process> shards = new ArrayList<>();
            try {
                for (Role role : List.of(Role.CONSUMER, Role.PRODUCER)) {
                    for (int i = 0; i < SHARDS; i++) {
                        RunOptions options = RunOptions.of("--client", client, "--load", "synthetic",
                                "--rate", Integer.toString(RATE_PER_SEC), "--duration", "1", "--warmup", "0.5", "--warmup-max", "1",
                                "--workers", Integer.toString(2 * SHARDS), "--redis", RunOptions.CLUSTER_SCHEME
                                        + String.join(",", cluster.endpoints().stream().map(endpoint -> endpoint.urlWithPassword()).toList()),
                                "--role", role.cliName(), "--shard", new Shard(i, SHARDS).toString());
                        shards.add(ShardedRunTest.fork(options, out, tmp.resolve(client + "-" + role.cliName() + i + ".log")));
                    }
                }
                for (Process shard : shards) {
                    assertThat(shard.waitFor(60, TimeUnit.SECONDS)).isTrue();
                    assertThat(shard.exitValue()).isZero();
                }
            } finally {
                shards.forEach(Process::destroyForcibly);
            }
        }

        ShardedRunTest.assertExitFollowsVerdict(Main.execute("merge", out.toString()), out);
        JsonNode result = new SummaryTree(out).client(client);
        JsonNode events = result.path("events");
        long pushed = required(result, "/producer/pushed").asLong();
        // Each producer's schedule may hold one more arrival at the phase's edge, as a single run's does.
        assertThat(pushed).isBetween((long) RATE_PER_SEC, (long) RATE_PER_SEC + SHARDS);
        assertThat(required(events, "/expected").asLong()).isEqualTo(pushed);
        assertThat(required(events, "/consumed").asLong()).isEqualTo(pushed);
        assertThat(required(events, "/unique").asLong()).isEqualTo(pushed);
        assertThat(required(events, "/lost").asLong()).isZero();
        assertThat(required(events, "/duplicates").asLong()).isZero();
        assertThat(required(events, "/leftInQueue").asLong()).isZero();
        // Each consumer shard took only from its own queue, and both queues were fed.
        for (int i = 0; i < SHARDS; i++) {
            ShardPart consumer = ShardPart.read(out.resolve("shards/consumer-" + i));
            assertThat(consumer.consumed()).isPositive();
        }
    }
}
