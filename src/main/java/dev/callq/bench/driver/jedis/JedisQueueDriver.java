package dev.callq.bench.driver.jedis;

import dev.callq.bench.driver.LibraryVersion;
import dev.callq.bench.driver.ClientSettings;
import dev.callq.bench.driver.OpenResources;
import dev.callq.bench.driver.QueueAdmin;
import dev.callq.bench.driver.QueueConsumer;
import dev.callq.bench.driver.QueueDriver;
import dev.callq.bench.driver.QueueProducer;
import dev.callq.bench.driver.QueueSpec;
import dev.callq.bench.driver.Unreachable;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.exceptions.JedisConnectionException;

import java.util.List;
import java.util.Map;

/**
 * Jedis with one plain {@link Jedis} connection per consumer, producer and admin. No pool: a
 * blocking pop holds its connection for the whole wait, so a pool would only add a borrow per
 * pop and a pool size to get right.
 */
public final class JedisQueueDriver implements QueueDriver {
    /** Its settings file keys: none yet; the plain connection per worker is the configuration measured. */
    public static final List<String> SETTINGS = List.of();
    private final ClientSettings settings;
    private final RedisProtocol protocol;
    private final OpenResources open = new OpenResources();

    public JedisQueueDriver(ClientSettings settings) {
        this.settings = settings;
        this.protocol = settings.respVersion() == 3 ? RedisProtocol.RESP3 : RedisProtocol.RESP2;
        // Fail at open, with a one-line message, rather than in the first worker.
        connect("probe").close();
    }

    /** A new connection named {@code callq-jedis-<role>} in CLIENT LIST. */
    Jedis connect(String role) {
        try {
            return new Jedis(new HostAndPort(settings.endpoint().host(), settings.endpoint().port()), config(role));
        } catch (JedisConnectionException e) {
            throw Unreachable.redis(settings.endpoint(), e);
        }
    }

    /** A fresh builder per connection: consumers may be created from several threads at once. */
    private DefaultJedisClientConfig config(String role) {
        int clientTimeoutMillis = Math.toIntExact(settings.clientTimeout().toMillis());
        return DefaultJedisClientConfig.builder()
                // An explicit protocol makes Jedis send HELLO 2 or HELLO 3 and fail rather than fall back.
                .protocol(protocol)
                .connectionTimeoutMillis(clientTimeoutMillis)
                .socketTimeoutMillis(clientTimeoutMillis)
                // Defaults to 0, which waits forever on a dead link during a blocking pop (jedis issue 2217).
                .blockingSocketTimeoutMillis(clientTimeoutMillis)
                .clientName("callq-jedis-" + role)
                .build();
    }

    @Override
    public String name() {
        return "jedis";
    }

    @Override
    public Map<String, String> describe() {
        return Map.of(
                "client", name(),
                "version", LibraryVersion.of("redis.clients", "jedis"),
                "resp", protocol.name(),
                "connections", "one plain Jedis connection per worker, producer and admin");
    }

    @Override
    public QueueConsumer createConsumer(QueueSpec spec, int workerId) {
        settings.requireAbovePopTimeout(spec);
        JedisConsumer consumer = new JedisConsumer(connect("worker-" + workerId), spec, workerId,
                settings.clientTimeout());
        return open.consumer(consumer);
    }

    @Override
    public QueueProducer createProducer(QueueSpec spec) {
        return open.other(new JedisProducer(connect("producer"), spec));
    }

    @Override
    public QueueAdmin createAdmin() {
        return open.other(new JedisAdmin(connect("admin")));
    }

    /** Closes the connections its caller left open; consumers first finish the pop in flight. */
    @Override
    public void close() {
        open.closeAll();
    }

}
