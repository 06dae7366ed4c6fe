package dev.callq.bench.driver.lettuce;

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
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Transports;
import dev.callq.bench.HarnessException;
import dev.callq.bench.driver.LibrarySettings;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Lettuce with one {@link RedisClient} and one dedicated connection per consumer: a blocking
 * command blocks the whole connection, so workers never share one.
 */
public final class LettuceQueueDriver implements QueueDriver {
    /**
     * Its settings file keys: ClientResources' ioThreadPoolSize and computationThreadPoolSize,
     * ClientOptions' publishOnScheduler, and transport (epoll or nio), chosen through Lettuce's
     * {@code io.lettuce.core.epoll} system property.
     */
    public static final List<String> SETTINGS = List.of("ioThreadPoolSize", "computationThreadPoolSize",
            "publishOnScheduler", "transport");
    /** Lettuce reads it once, when it first looks for a native transport. */
    private static final String EPOLL_PROPERTY = "io.lettuce.core.epoll";

    /** Close should not sit out Netty's default two-second quiet period once every connection is closed. */
    private static final Duration SHUTDOWN_QUIET_PERIOD = Duration.ZERO;
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(2);

    private final ClientSettings settings;
    private final ProtocolVersion protocol;
    private final ClientResources resources;
    private final boolean publishOnScheduler;
    private final RedisClient client;
    private final ReplyStamping stamping = new ReplyStamping();
    private final OpenResources open = new OpenResources();

    public LettuceQueueDriver(ClientSettings settings) {
        this.settings = settings;
        this.protocol = settings.respVersion() == 3 ? ProtocolVersion.RESP3 : ProtocolVersion.RESP2;
        LibrarySettings library = settings.library();
        chooseTransport(library.choice("transport", null, "epoll", "nio"));
        DefaultClientResources.Builder resourcesBuilder = DefaultClientResources.builder();
        if (library.has("ioThreadPoolSize")) {
            resourcesBuilder.ioThreadPoolSize(library.positiveInt("ioThreadPoolSize", 1));
        }
        if (library.has("computationThreadPoolSize")) {
            resourcesBuilder.computationThreadPoolSize(library.positiveInt("computationThreadPoolSize", 1));
        }
        if (ReplyStamp.ENABLED) {
            resourcesBuilder.nettyCustomizer(stamping);
        }
        this.publishOnScheduler = library.bool("publishOnScheduler", false);
        this.resources = resourcesBuilder.build();
        this.client = RedisClient.create(resources);
        ClientOptions.Builder options = ClientOptions.builder();
        if (settings.endpoint().caFile() != null) {
            options.sslOptions(SslOptions.builder().jdkSslProvider()
                    .trustManager(settings.endpoint().caFile().toFile()).build());
        }
        client.setOptions(options
                .protocolVersion(protocol)
                .publishOnScheduler(publishOnScheduler)
                .socketOptions(SocketOptions.builder().connectTimeout(settings.clientTimeout()).build())
                // The command timeout also applies to BLPOP; it must outlast the pop timeout, or the
                // server pops an element into a command the client has given up on (lettuce 1179, 2354, 2394).
                .timeoutOptions(TimeoutOptions.enabled(settings.clientTimeout()))
                .build());
        try {
            // Fail at open, with a one-line message, rather than in the first worker.
            connect("probe").close();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Asks for a transport before Lettuce first looks (epoll unless told otherwise), and refuses to run
     * on another: the choice is made once per JVM, so a second client in the same run cannot change it.
     */
    private static void chooseTransport(String wanted) {
        if (wanted != null) {
            System.setProperty(EPOLL_PROPERTY, Boolean.toString(wanted.equals("epoll")));
        }
        String actual = transport();
        if (wanted != null && !wanted.equals(actual)) {
            throw new HarnessException("lettuce runs on " + actual + " in this JVM, not " + wanted
                    + " (Lettuce picks its transport once): measure this settings file in a run of its own");
        }
    }

    /**
     * A new connection named {@code callq-lettuce-<role>} in CLIENT LIST, logged in and on the endpoint's
     * database; through Sentinel, to the master it names at this moment.
     */
    StatefulRedisConnection<String, String> connect(String role) {
        return connect(role, null);
    }

    /**
     * As {@link #connect(String)}; the new channel marks {@code stamp} (when not null) as replies arrive.
     * One connect at a time, so that the channel initialized during it is this connection's.
     */
    private StatefulRedisConnection<String, String> connect(String role, ReplyStamp stamp) {
        synchronized (stamping) {
            try {
                StatefulRedisConnection<String, String> connection = client.connect(
                        uri(settings.endpoint(), settings.clientTimeout(), QueueDriver.clientName(name(), role)));
                stamping.claimLastChannel(stamp);
                return connection;
            } catch (RedisConnectionException e) {
                throw Unreachable.redis(settings.endpoint(), e);
            }
        }
    }

    static RedisURI uri(RedisEndpoint endpoint, Duration timeout, String clientName) {
        RedisURI.Builder builder;
        if (endpoint.kind() == RedisEndpoint.Kind.SENTINEL) {
            builder = RedisURI.Builder.sentinel(endpoint.host(), endpoint.port(), endpoint.masterName());
            for (RedisEndpoint.Address sentinel : endpoint.nodes().subList(1, endpoint.nodes().size())) {
                builder.withSentinel(sentinel.host(), sentinel.port());
            }
        } else {
            builder = RedisURI.Builder.redis(endpoint.host(), endpoint.port()).withSsl(endpoint.tls());
        }
        if (endpoint.hasPassword()) {
            if (endpoint.user() != null) {
                builder.withAuthentication(endpoint.user(), endpoint.password());
            } else {
                builder.withPassword(endpoint.password().toCharArray());
            }
        }
        return builder.withDatabase(endpoint.database())
                .withTimeout(timeout)
                .withClientName(clientName)
                .build();
    }

    @Override
    public String name() {
        return "lettuce";
    }

    @Override
    public Map<String, String> describe() {
        Map<String, String> description = new LinkedHashMap<>();
        description.put("client", name());
        description.put("version", LibraryVersion.of("io.lettuce", "lettuce-core"));
        description.put("resp", protocol.name());
        description.put("transport", transport());
        description.put("connections", "one RedisClient; one dedicated connection per worker, producer and admin");
        description.put("ioThreads", Integer.toString(resources.ioThreadPoolSize()));
        description.put("computationThreads", Integer.toString(resources.computationThreadPoolSize()));
        description.put("publishOnScheduler", Boolean.toString(publishOnScheduler));
        return description;
    }

    /**
     * The Netty transport of every connection this client opens: the client's bootstrap takes its
     * channel class from {@link Transports#socketChannelClass()}, which picks a native transport
     * when its library loads and NIO otherwise.
     */
    static String transport() {
        String channel = Transports.socketChannelClass().getSimpleName();
        if (channel.startsWith("Epoll")) {
            return "epoll";
        }
        if (channel.startsWith("IOUring") || channel.startsWith("IoUring")) {
            return "io_uring";
        }
        if (channel.startsWith("KQueue")) {
            return "kqueue";
        }
        if (channel.startsWith("Nio")) {
            return "nio";
        }
        return channel;
    }


    @Override
    public QueueConsumer createConsumer(QueueSpec spec, int workerId) {
        settings.requireAbovePopTimeout(spec);
        ReplyStamp stamp = new ReplyStamp();
        LettuceConsumer consumer = new LettuceConsumer(connect("worker-" + workerId, stamp), spec, workerId,
                settings.clientTimeout(), stamp);
        return open.consumer(consumer);
    }

    @Override
    public QueueProducer createProducer(QueueSpec spec) {
        return open.other(new LettuceProducer(connect("producer"), spec, settings.clientTimeout()));
    }

    @Override
    public QueueAdmin createAdmin() {
        return open.other(new LettuceAdmin(connect("admin")));
    }

    /**
     * Closes what its caller left open, consumers first so that each finishes its pop in flight
     * (the client's shutdown would cut them off), then the client and its own event loops.
     */
    @Override
    public void close() {
        open.closeAll();
        client.shutdown(SHUTDOWN_QUIET_PERIOD, SHUTDOWN_TIMEOUT);
        // A client created on resources of its own does not shut them down.
        resources.shutdown(SHUTDOWN_QUIET_PERIOD.toMillis(), SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(SHUTDOWN_TIMEOUT.toMillis());
    }
}
