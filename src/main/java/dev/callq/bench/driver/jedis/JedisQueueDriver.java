package dev.callq.bench.driver.jedis;

import dev.callq.bench.driver.LibraryVersion;
import dev.callq.bench.driver.ClientSettings;
import dev.callq.bench.driver.OpenResources;
import dev.callq.bench.driver.QueueAdmin;
import dev.callq.bench.driver.QueueConsumer;
import dev.callq.bench.driver.QueueDriver;
import dev.callq.bench.driver.QueueProducer;
import dev.callq.bench.driver.QueueSpec;
import dev.callq.bench.driver.ReplyStamp;
import dev.callq.bench.driver.Unreachable;
import dev.callq.bench.env.RedisEndpoint;
import dev.callq.bench.env.RedisTls;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.DefaultJedisSocketFactory;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.exceptions.JedisException;

import java.util.List;
import java.util.Map;

/**
 * Jedis with one plain {@link Jedis} connection per consumer, producer and admin. No pool: a
 * blocking pop holds its connection for the whole wait, so a pool would only add a borrow per
 * pop and a pool size to get right.
 */
public final class JedisQueueDriver implements QueueDriver {
    private final ClientSettings settings;
    private final RedisProtocol protocol;
    private final OpenResources open = new OpenResources();

    public JedisQueueDriver(ClientSettings settings) {
        this.settings = settings;
        this.protocol = settings.respVersion() == 3 ? RedisProtocol.RESP3 : RedisProtocol.RESP2;
        // Fail at open, with a one-line message, rather than in the first worker.
        connect("probe").close();
    }

    /**
     * A new connection named {@code callq-jedis-<role>} in CLIENT LIST, logged in and on the endpoint's
     * database; through Sentinel, to the master it names at this moment.
     */
    Jedis connect(String role) {
        return connect(role, null);
    }

    /** As {@link #connect(String)}; when {@code stamp} is not null, its socket marks when replies arrive. */
    private Jedis connect(String role, ReplyStamp stamp) {
        try {
            DefaultJedisClientConfig config = config(role);
            if (stamp == null || !ReplyStamp.ENABLED) {
                return new Jedis(server(), config);
            }
            return new Jedis(new StampedSocketFactory(new DefaultJedisSocketFactory(server(), config), stamp), config);
        } catch (JedisException e) {
            throw Unreachable.redis(settings.endpoint(), e);
        }
    }

    /** The server itself, or the master the first answering sentinel names, as JedisSentinelPool finds it. */
    private HostAndPort server() {
        RedisEndpoint endpoint = settings.endpoint();
        if (endpoint.kind() != RedisEndpoint.Kind.SENTINEL) {
            return new HostAndPort(endpoint.host(), endpoint.port());
        }
        JedisException last = null;
        for (RedisEndpoint.Address sentinel : endpoint.nodes()) {
            try (Jedis jedis = new Jedis(new HostAndPort(sentinel.host(), sentinel.port()), plainConfig())) {
                List<String> master = jedis.sentinelGetMasterAddrByName(endpoint.masterName());
                if (master != null && master.size() == 2) {
                    return new HostAndPort(master.get(0), Integer.parseInt(master.get(1)));
                }
            } catch (JedisException e) {
                last = e;
            }
        }
        throw new JedisException("no sentinel names the master '" + endpoint.masterName() + "'", last);
    }

    private DefaultJedisClientConfig plainConfig() {
        int clientTimeoutMillis = Math.toIntExact(settings.clientTimeout().toMillis());
        return DefaultJedisClientConfig.builder().connectionTimeoutMillis(clientTimeoutMillis)
                .socketTimeoutMillis(clientTimeoutMillis).build();
    }

    /** A connection for {@code role} that is replaced when it breaks. */
    private JedisLink link(String role) {
        return new JedisLink(() -> connect(role));
    }

    /** A fresh builder per connection: consumers may be created from several threads at once. */
    private DefaultJedisClientConfig config(String role) {
        int clientTimeoutMillis = Math.toIntExact(settings.clientTimeout().toMillis());
        RedisEndpoint endpoint = settings.endpoint();
        DefaultJedisClientConfig.Builder builder = DefaultJedisClientConfig.builder()
                .user(endpoint.user())
                .password(endpoint.password())
                .database(endpoint.database());
        if (endpoint.tls()) {
            builder.ssl(true)
                    .sslSocketFactory(RedisTls.context(endpoint.caFile()).getSocketFactory())
                    .sslParameters(RedisTls.verifyingHostName(new javax.net.ssl.SSLParameters()));
        }
        return builder
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
        ReplyStamp stamp = new ReplyStamp();
        // Every connection the link opens, reconnections included, marks the same stamp.
        JedisConsumer consumer = new JedisConsumer(new JedisLink(() -> connect("worker-" + workerId, stamp)), spec,
                workerId, settings.clientTimeout(), stamp);
        return open.consumer(consumer);
    }

    @Override
    public QueueProducer createProducer(QueueSpec spec) {
        return open.other(new JedisProducer(link("producer"), spec));
    }

    @Override
    public QueueAdmin createAdmin() {
        return open.other(new JedisAdmin(link("admin")));
    }

    /** Closes the connections its caller left open; consumers first finish the pop in flight. */
    @Override
    public void close() {
        open.closeAll();
    }

}
