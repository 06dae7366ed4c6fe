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
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionFactory;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.DefaultJedisSocketFactory;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.commands.JedisCommands;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.providers.PooledConnectionProvider;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Jedis with one plain {@link Jedis} connection per consumer, producer and admin. No pool by default:
 * a blocking pop holds its connection for the whole wait, so a pool would only add a borrow per pop and
 * a pool size to get right; a settings file with {@code pooled: true} measures what that costs.
 */
public final class JedisQueueDriver implements QueueDriver {
    /**
     * Its settings file keys: {@code pooled: true} has the workers pop through one Jedis 8
     * {@code RedisClient} (a commons-pool2 pool that lends a connection per command) instead of a plain
     * connection each; {@code poolMaxTotal} sizes that pool (commons-pool2's default, 8, when unset).
     * The producer and admin keep plain connections either way.
     */
    public static final List<String> SETTINGS = List.of("pooled", "poolMaxTotal");
    private final ClientSettings settings;
    private final RedisProtocol protocol;
    private final OpenResources open = new OpenResources();
    /** The workers' shared pooled client, or null when each worker has a plain connection. */
    private final RedisClient pool;
    private final int poolMaxTotal;
    /** The stamp of the worker whose command a pooled connection is running, read by its socket. */
    private final ThreadLocal<ReplyStamp> poolStamp = new ThreadLocal<>();

    public JedisQueueDriver(ClientSettings settings) {
        this.settings = settings;
        this.protocol = settings.respVersion() == 3 ? RedisProtocol.RESP3 : RedisProtocol.RESP2;
        // Fail at open, with a one-line message, rather than in the first worker.
        connect("probe").close();
        boolean pooled = settings.library().bool("pooled", false);
        this.poolMaxTotal = settings.library().positiveInt("poolMaxTotal", GenericObjectPoolConfig.DEFAULT_MAX_TOTAL);
        this.pool = pooled ? openPool() : null;
    }

    private RedisClient openPool() {
        GenericObjectPoolConfig<Connection> poolConfig = new GenericObjectPoolConfig<>();
        poolConfig.setMaxTotal(poolMaxTotal);
        // A worker waiting for a connection gives up within the client timeout instead of forever.
        poolConfig.setMaxWait(settings.clientTimeout());
        try {
            DefaultJedisClientConfig config = config("pool");
            HostAndPort server = server();
            if (!ReplyStamp.ENABLED) {
                return RedisClient.builder().hostAndPort(server).clientConfig(config).poolConfig(poolConfig).build();
            }
            // Jedis reads a reply on the thread that sent the command, so a pooled socket marks that worker's stamp.
            ConnectionFactory connections = new ConnectionFactory(
                    new StampedSocketFactory(new DefaultJedisSocketFactory(server, config), poolStamp::get), config);
            return RedisClient.builder()
                    .hostAndPort(server)
                    .clientConfig(config)
                    .connectionProvider(new PooledConnectionProvider(connections, poolConfig))
                    .build();
        } catch (JedisException e) {
            throw Unreachable.redis(settings.endpoint(), e);
        }
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

    /** As {@link #connect(String)}, for a connection written by one thread and read by another. */
    private SplitConnection connectSplit(String role) {
        try {
            DefaultJedisClientConfig config = config(role);
            return new SplitConnection(new DefaultJedisSocketFactory(server(), config), config);
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
    private JedisLink<Jedis> link(String role) {
        return JedisLink.of(() -> connect(role));
    }

    /**
     * Commands on the workers' pooled client, which replaces a broken connection itself; whichever
     * connection it lends marks {@code stamp} when the reply arrives.
     */
    private JedisConsumer.Commands onPool(ReplyStamp stamp) {
        return new JedisConsumer.Commands() {
            @Override
            public <T> T call(Function<JedisCommands, T> commands) {
                poolStamp.set(stamp);
                return commands.apply(pool);
            }
        };
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
                .clientName(QueueDriver.clientName(name(), role))
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
                "connections", pool == null ? "one plain Jedis connection per worker, producer and admin"
                        : "workers share one pooled RedisClient (maxTotal " + poolMaxTotal
                        + "); a plain connection for the producer and the admin");
    }

    @Override
    public QueueConsumer createConsumer(QueueSpec spec, int workerId) {
        settings.requireAbovePopTimeout(spec);
        ReplyStamp stamp = new ReplyStamp();
        JedisConsumer consumer;
        if (pool != null) {
            consumer = new JedisConsumer(onPool(stamp), () -> { }, spec, workerId, settings.clientTimeout(), stamp);
        } else {
            // Every connection the link opens, reconnections included, marks the same stamp.
            JedisLink<Jedis> link = JedisLink.of(() -> connect("worker-" + workerId, stamp));
            consumer = new JedisConsumer(link::call, link::close, spec, workerId, settings.clientTimeout(), stamp);
        }
        return open.consumer(consumer);
    }

    @Override
    public QueueProducer createProducer(QueueSpec spec) {
        JedisLink<SplitConnection> link = new JedisLink<>(() -> connectSplit("producer"), SplitConnection::isBroken);
        return open.other(new JedisProducer(link, spec));
    }

    @Override
    public QueueAdmin createAdmin() {
        return open.other(new JedisAdmin(link("admin")));
    }

    /** Closes the connections its caller left open; consumers first finish the pop in flight. */
    @Override
    public void close() {
        open.closeAll();
        if (pool != null) {
            pool.close();
        }
    }

}
