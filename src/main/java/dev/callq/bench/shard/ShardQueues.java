package dev.callq.bench.shard;

import dev.callq.bench.options.RunConfig;
import dev.callq.bench.driver.ClientChoice;
import dev.callq.bench.driver.QueueAdmin;
import dev.callq.bench.driver.QueueDriver;
import dev.callq.bench.driver.QueueDrivers;
import dev.callq.bench.driver.QueueSpec;
import dev.callq.bench.env.RedisClusterSlots;
import dev.callq.bench.env.RedisEndpoint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The queues of a sharded run and a driver connected to the server of each. On one Redis, one queue
 * ({@code --key}). On a Redis Cluster, one queue per shard, each under a hash tag of its own
 * ({@code callq:{0}:events}, {@code callq:{1}:events}, …) so that the cluster spreads them over its slots;
 * every connection for a queue goes straight to the primary holding it, with the client under test.
 */
public final class ShardQueues implements AutoCloseable {
    private final RunConfig config;
    private final String client;
    private final RedisClusterSlots slots;
    private final List<QueueSpec> specs = new ArrayList<>();
    private final Map<RedisEndpoint, QueueDriver> drivers = new LinkedHashMap<>();
    private final Map<QueueSpec, QueueAdmin> admins = new LinkedHashMap<>();

    ShardQueues(RunConfig config, String client) {
        this.config = config;
        this.client = client;
        this.slots = config.redisCluster().isEmpty() ? null : RedisClusterSlots.read(config.redisCluster());
        int count = slots == null ? 1 : config.shard().count();
        for (int i = 0; i < count; i++) {
            String key = slots == null ? config.key() : clusterKey(config.key(), i);
            specs.add(new QueueSpec(key, config.pattern(), config.popTimeout(), config.batchSize()));
        }
    }

    /** Queue {@code i} of a cluster run: {@code callq:events} becomes {@code callq:{i}:events}. */
    public static String clusterKey(String key, int i) {
        int colon = key.indexOf(':');
        return colon < 0 ? key + ":{" + i + "}" : key.substring(0, colon) + ":{" + i + "}" + key.substring(colon);
    }

    int count() {
        return specs.size();
    }

    QueueSpec spec(int i) {
        return specs.get(i);
    }

    /** The server that holds {@code hashTaggedKey}: the one Redis, or the cluster primary of its slot. */
    RedisEndpoint serverOf(String hashTaggedKey) {
        return slots == null ? config.redis() : slots.primaryFor(hashTaggedKey);
    }

    /** The client under test, connected to the server that holds {@code spec}'s queue. */
    synchronized QueueDriver driver(QueueSpec spec) {
        RedisEndpoint server = serverOf(spec.key());
        ClientChoice choice = ClientChoice.parse(client);
        return drivers.computeIfAbsent(server, s -> QueueDrivers.open(choice,
                config.clientSettings(s, spec, choice.respVersionOr(config.respVersion()))));
    }

    synchronized QueueAdmin admin(QueueSpec spec) {
        return admins.computeIfAbsent(spec, s -> driver(s).createAdmin());
    }

    @Override
    public void close() {
        admins.values().forEach(QueueAdmin::close);
        drivers.values().forEach(QueueDriver::close);
    }
}
