package dev.callq.bench.driver.redisson;

import dev.callq.bench.HarnessException;
import dev.callq.bench.driver.ClientSettings;
import dev.callq.bench.driver.LibrarySettings;
import dev.callq.bench.driver.LibraryVersion;
import dev.callq.bench.driver.OpenResources;
import dev.callq.bench.driver.QueueAdmin;
import dev.callq.bench.driver.QueueConsumer;
import dev.callq.bench.driver.QueueDriver;
import dev.callq.bench.driver.QueuePattern;
import dev.callq.bench.driver.QueueProducer;
import dev.callq.bench.driver.QueueSpec;
import dev.callq.bench.driver.ReplyStamp;
import dev.callq.bench.driver.Unreachable;
import dev.callq.bench.env.RedisEndpoint;
import dev.callq.bench.env.RedisTls;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;
import org.redisson.config.Protocol;
import org.redisson.config.ReadMode;
import org.redisson.config.SentinelServersConfig;
import org.redisson.config.TransportMode;

import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Redisson with one {@link RedissonClient}: its connection pool serves every worker, the producer and
 * the admin, and a blocking pop holds a pooled connection for its whole wait. The pool must therefore
 * hold at least one connection per worker plus two; {@link #createConsumer} refuses a worker beyond that.
 * Redisson sends BLPOP, BLMOVE and BLMPOP timeouts in whole seconds (it rounds a shorter one up to 1 s),
 * so it refuses a pop timeout that is not a whole number of seconds.
 */
public final class RedissonQueueDriver implements QueueDriver {
    /** Its settings file keys, by the names of Redisson's own Config and SingleServerConfig setters. */
    public static final List<String> SETTINGS = List.of("nettyThreads", "connectionPoolSize",
            "connectionMinimumIdleSize", "transportMode");
    /** Redisson's own defaults (SingleServerConfig, Config), named here so that describe() can report them. */
    private static final int DEFAULT_POOL_SIZE = 64;
    private static final int DEFAULT_MINIMUM_IDLE = 24;
    private static final int DEFAULT_NETTY_THREADS = 32;
    /** The producer and the admin (and the sampler's admin) borrow from the same pool as the workers. */
    private static final int NON_WORKER_CONNECTIONS = 3;

    private final ClientSettings settings;
    private final Protocol protocol;
    private final int poolSize;
    private final String transport;
    private final int nettyThreads;
    private final RedissonClient redisson;
    private final OpenResources open = new OpenResources();

    public RedissonQueueDriver(ClientSettings settings) {
        this.settings = settings;
        this.protocol = settings.respVersion() == 3 ? Protocol.RESP3 : Protocol.RESP2;
        LibrarySettings library = settings.library();
        this.poolSize = library.positiveInt("connectionPoolSize", DEFAULT_POOL_SIZE);
        this.nettyThreads = library.positiveInt("nettyThreads", DEFAULT_NETTY_THREADS);
        this.transport = library.choice("transportMode", "nio", "nio", "epoll");
        int minimumIdle = Math.min(poolSize, library.positiveInt("connectionMinimumIdleSize", DEFAULT_MINIMUM_IDLE));
        int timeoutMillis = Math.toIntExact(settings.clientTimeout().toMillis());

        RedisEndpoint endpoint = settings.endpoint();
        Config config = new Config()
                .setCodec(StringCodec.INSTANCE)
                .setProtocol(protocol)
                .setNettyThreads(nettyThreads)
                .setTransportMode(transport.equals("epoll") ? TransportMode.EPOLL : TransportMode.NIO);
        if (ReplyStamp.ENABLED) {
            config.setNettyHook(new ReplyStamping());
        }
        if (endpoint.caFile() != null) {
            try {
                config.setSslTrustManagerFactory(RedisTls.trustManagerFactory(endpoint.caFile()));
            } catch (GeneralSecurityException e) {
                throw new HarnessException("cannot set up TLS with " + endpoint.caFile() + ": " + e.getMessage(), e);
            }
        }
        // For a blocking command Redisson waits the timeout plus the command's own timeout plus one second
        // (RedisExecutor), so a pop against a dead server fails later than with the other clients.
        // No retries: a BLPOP sent again after a timeout can pop an element nobody reads.
        if (endpoint.kind() == RedisEndpoint.Kind.SENTINEL) {
            // The sentinels are asked for the master only: the connections go to it, as with the other clients.
            SentinelServersConfig sentinels = config.useSentinelServers()
                    .setMasterName(endpoint.masterName())
                    .setReadMode(ReadMode.MASTER)
                    .setCheckSentinelsList(false)
                    .setSentinelsDiscovery(false)
                    .setUsername(endpoint.user())
                    .setPassword(endpoint.password())
                    .setDatabase(endpoint.database())
                    .setMasterConnectionPoolSize(poolSize)
                    .setMasterConnectionMinimumIdleSize(minimumIdle)
                    .setConnectTimeout(timeoutMillis)
                    .setClientName(QueueDriver.clientName(name(), "pool"))
                    .setTimeout(timeoutMillis)
                    .setRetryAttempts(0);
            for (RedisEndpoint.Address sentinel : endpoint.nodes()) {
                sentinels.addSentinelAddress("redis://" + sentinel.host() + ":" + sentinel.port());
            }
        } else {
            config.useSingleServer()
                    .setAddress((endpoint.tls() ? "rediss://" : "redis://") + endpoint.host() + ":" + endpoint.port())
                    .setUsername(endpoint.user())
                    .setPassword(endpoint.password())
                    .setDatabase(endpoint.database())
                    .setConnectionPoolSize(poolSize)
                    .setConnectionMinimumIdleSize(minimumIdle)
                    .setConnectTimeout(timeoutMillis)
                    .setClientName(QueueDriver.clientName(name(), "pool"))
                    .setTimeout(timeoutMillis)
                    .setRetryAttempts(0);
        }
        try {
            this.redisson = Redisson.create(config);
        } catch (RuntimeException e) {
            throw Unreachable.redis(settings.endpoint(), e);
        }
    }

    @Override
    public String name() {
        return "redisson";
    }

    @Override
    public Map<String, String> describe() {
        Map<String, String> description = new LinkedHashMap<>();
        description.put("client", name());
        description.put("version", LibraryVersion.of("org.redisson", "redisson"));
        description.put("resp", protocol.name());
        description.put("transport", transport);
        description.put("connections", "one RedissonClient; a pool of " + poolSize
                + " connections shared by workers, producer and admin; " + nettyThreads + " Netty threads");
        return description;
    }

    /** What Redisson cannot do with a queue, refused in one line; a run checks it before anything starts. */
    public static void checkQueue(QueueSpec spec) {
        if (spec.pattern() != QueuePattern.STREAM && spec.popTimeout().toMillis() % 1000 != 0) {
            throw new HarnessException("redisson sends pop timeouts in whole seconds: --pop-timeout-ms "
                    + spec.popTimeout().toMillis() + " must be a multiple of 1000");
        }
    }

    @Override
    public QueueConsumer createConsumer(QueueSpec spec, int workerId) {
        settings.requireAbovePopTimeout(spec);
        checkQueue(spec);
        if (workerId + NON_WORKER_CONNECTIONS >= poolSize) {
            throw new HarnessException("redisson's connection pool of " + poolSize + " cannot hold worker "
                    + (workerId + 1) + " blocked in a pop beside the producer and admin: raise connectionPoolSize");
        }
        return open.consumer(new RedissonConsumer(redisson, spec, workerId, settings.clientTimeout(), new ReplyStamp()));
    }

    @Override
    public QueueProducer createProducer(QueueSpec spec) {
        return open.other(new RedissonProducer(redisson, spec));
    }

    @Override
    public QueueAdmin createAdmin() {
        return open.other(new RedissonAdmin(redisson, settings.endpoint().kind() == RedisEndpoint.Kind.SENTINEL));
    }

    /** Consumers first finish their pop in flight; then the client closes its pool and event loops. */
    @Override
    public void close() {
        open.closeAll();
        if (redisson != null) {
            redisson.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }
}
