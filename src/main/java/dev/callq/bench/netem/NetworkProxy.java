package dev.callq.bench.netem;

import dev.callq.bench.HarnessException;
import dev.callq.bench.env.FreePorts;
import dev.callq.bench.env.RedisEndpoint;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * A TCP proxy on loopback that plays the network between the parties of a run and Redis: each party
 * dials {@link #endpoint()} instead of Redis, and the proxy forwards to {@link #upstream()}.
 *
 * <h2>What it does to the bytes</h2>
 * <ul>
 *   <li>{@link #setLatency(Duration, Duration)}: each chunk read is held for the one-way delay (± jitter,
 *       drawn per chunk) and then forwarded. Order is kept, and a delay shifts a stream rather than
 *       spacing it out: a pipelined stream through 2 ms arrives 2 ms late, not 2 ms per message. An
 *       added round-trip time {@code rtt} is {@code setLatency(rtt / 2, 0)}. The delay is a minimum:
 *       each release waits for a timer (Linux's timer slack is 50 µs) and a wake-up of the proxy's
 *       thread, about 0.1 ms each way on an idle machine and more on a busy one.</li>
 *   <li>{@link #setBandwidth(Direction, long)}: a direction carries at most so many bytes a second,
 *       shared by all connections (one link); 0 removes the cap.</li>
 *   <li>{@link #blackhole(boolean)}: a partition. While on, nothing is forwarded or read either way
 *       and no new connection is accepted (the kernel's backlog still completes the handshake); open
 *       connections stay open, so parties see silence, not an error, and their own timeouts decide.
 *       When it ends, what was held is delivered, as TCP retransmission would.</li>
 *   <li>{@link #resetAll()}: every open connection is closed with a TCP reset on both sides, as a
 *       broken link or a restarted middlebox does; a party sees "connection reset" and must reconnect.</li>
 * </ul>
 * A change applies to bytes read after it; bytes already held keep their release time.
 *
 * <h2>Threads</h2>
 * Every method may be called from any thread at any time. {@link #blackhole} and {@link #resetAll}
 * return once every open connection has taken the change. The proxy owns one Netty event loop thread
 * ({@code callq-proxy-*}), which also times the release of held bytes: on epoll (Linux) its timers are
 * precise to microseconds; on the NIO fallback they round up to milliseconds. {@link #close()} stops it
 * and closes every connection.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * try (NetworkProxy proxy = NetworkProxy.start(redis.endpoint())) {
 *     proxy.setLatency(Duration.ofMillis(1), Duration.ZERO);   // +2 ms round trip
 *     connectClientsTo(proxy.endpoint());
 *     proxy.blackhole(true);  sleep(4 s);  proxy.blackhole(false);   // a 4 s partition
 *     proxy.counters().bytesToUpstream();
 * }
 * }</pre>
 */
public final class NetworkProxy implements AutoCloseable {
    static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final Duration CHANGE_TIMEOUT = Duration.ofSeconds(5);

    private final RedisEndpoint upstream;
    private final boolean epoll;
    private final EventLoopGroup group;
    private final Channel server;
    private final RedisEndpoint endpoint;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final LongAdder bytesToUpstream = new LongAdder();
    private final LongAdder bytesFromUpstream = new LongAdder();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong reset = new AtomicLong();
    private final long[] wireFreeAtNanos = new long[Direction.values().length];
    private volatile LinkShape toUpstreamShape = LinkShape.NONE;
    private volatile LinkShape fromUpstreamShape = LinkShape.NONE;
    private volatile boolean blackholed;
    private volatile boolean closed;

    private NetworkProxy(RedisEndpoint upstream) {
        this.upstream = upstream;
        this.epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("callq-proxy", true), io);
        Class<? extends ServerChannel> serverType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        try {
            this.server = new ServerBootstrap().group(group).channel(serverType)
                    .childOption(ChannelOption.AUTO_READ, false)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel channel) {
                            accepted.incrementAndGet();
                            Connection connection = new Connection(NetworkProxy.this, channel);
                            connections.add(connection);
                            channel.pipeline().addLast(connection.inboundHandler());
                        }
                    })
                    .bind(FreePorts.LOOPBACK, 0).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            shutDownThreads();
            throw new HarnessException("cannot start the network proxy on " + FreePorts.LOOPBACK + ": " + e.getMessage(), e);
        }
        // The parties log in to Redis as before (user, password, database, TLS pass through as bytes).
        this.endpoint = new RedisEndpoint(upstream.kind(), List.of(new RedisEndpoint.Address(FreePorts.LOOPBACK,
                ((InetSocketAddress) server.localAddress()).getPort())), null, upstream.user(), upstream.password(),
                upstream.database(), upstream.caFile());
    }

    /**
     * Listens on a free loopback port and forwards to {@code upstream}, adding nothing until told.
     *
     * @throws IllegalArgumentException for a Sentinel endpoint: its clients dial the master Sentinel names,
     *                                  around any proxy
     */
    public static NetworkProxy start(RedisEndpoint upstream) {
        if (upstream.kind() == RedisEndpoint.Kind.SENTINEL) {
            throw new IllegalArgumentException("a proxy cannot stand in front of Sentinel: its clients dial the "
                    + "master Sentinel names");
        }
        return new NetworkProxy(upstream);
    }

    /** Where parties connect instead of Redis: the upstream's login, database and TLS, at the proxy's address. */
    public RedisEndpoint endpoint() {
        return endpoint;
    }

    /** The Redis the proxy forwards to. */
    public RedisEndpoint upstream() {
        return upstream;
    }

    /** Sets the added one-way delay and its jitter in both directions; {@code Duration.ZERO} twice removes it. */
    public void setLatency(Duration oneWay, Duration jitter) {
        setLatency(Direction.TO_UPSTREAM, oneWay, jitter);
        setLatency(Direction.FROM_UPSTREAM, oneWay, jitter);
    }

    /** Sets the added delay of one direction only. */
    public synchronized void setLatency(Direction direction, Duration oneWay, Duration jitter) {
        setShape(direction, shape(direction).withLatency(oneWay, jitter));
    }

    /** Caps one direction at {@code bytesPerSecond}, shared by all connections; 0 removes the cap. */
    public synchronized void setBandwidth(Direction direction, long bytesPerSecond) {
        setShape(direction, shape(direction).withBandwidth(bytesPerSecond));
    }

    /** How a direction is shaped now. */
    public LinkShape shape(Direction direction) {
        return direction == Direction.TO_UPSTREAM ? toUpstreamShape : fromUpstreamShape;
    }

    /**
     * Starts ({@code true}) or ends ({@code false}) a partition: see the class comment. Returns once every
     * open connection has stopped (or resumed) reading.
     */
    public void blackhole(boolean on) {
        blackholed = on;
        server.config().setAutoRead(!on);
        onEveryConnection(Connection::blackholeChanged);
    }

    public boolean blackholed() {
        return blackholed;
    }

    /** Closes every open connection with a TCP reset on both sides; returns how many there were. */
    public int resetAll() {
        int count = onEveryConnection(Connection::reset);
        reset.addAndGet(count);
        return count;
    }

    public ProxyCounters counters() {
        return new ProxyCounters(accepted.get(), connections.size(), reset.get(), bytesToUpstream.sum(),
                bytesFromUpstream.sum());
    }

    /** For a run's environment record: "to Redis +250 µs, from Redis +250 µs (loopback TCP proxy, Netty NIO)". */
    public String describe() {
        return Direction.TO_UPSTREAM.description() + " " + toUpstreamShape.describe() + ", "
                + Direction.FROM_UPSTREAM.description() + " " + fromUpstreamShape.describe()
                + (blackholed ? ", blackholed" : "") + " (loopback TCP proxy, Netty " + (epoll ? "epoll" : "NIO") + ")";
    }

    /** Stops accepting, closes every connection, and stops the proxy's threads. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.close().awaitUninterruptibly(CHANGE_TIMEOUT.toMillis());
        for (Connection connection : List.copyOf(connections)) {
            connection.eventLoopChannel().close();
        }
        shutDownThreads();
    }

    private void shutDownThreads() {
        group.shutdownGracefully(0, CHANGE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(2 * CHANGE_TIMEOUT.toMillis());
    }

    private void setShape(Direction direction, LinkShape shape) {
        if (direction == Direction.TO_UPSTREAM) {
            toUpstreamShape = shape;
        } else {
            fromUpstreamShape = shape;
        }
    }

    /** Runs {@code action} on each open connection's event loop and waits for all of them; returns how many. */
    private int onEveryConnection(Consumer<Connection> action) {
        List<Future<?>> done = new ArrayList<>();
        int count = 0;
        for (Connection connection : List.copyOf(connections)) {
            EventLoop loop = connection.eventLoopChannel().eventLoop();
            if (loop.inEventLoop()) {
                action.accept(connection);
            } else if (!loop.isShuttingDown()) {
                done.add(loop.submit(() -> action.accept(connection)));
            } else {
                continue;
            }
            count++;
        }
        long deadlineNanos = System.nanoTime() + CHANGE_TIMEOUT.toNanos();
        for (Future<?> future : done) {
            future.awaitUninterruptibly(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        return count;
    }

    // For the lanes and connections, on the event loop.

    /** When the last byte of a chunk read now is on the wire: at once without a cap, after the link's queue with one. */
    synchronized long onWire(Direction direction, long bytes, LinkShape shape, long nowNanos) {
        if (shape.bytesPerSecond() == 0) {
            return nowNanos;
        }
        int index = direction.ordinal();
        wireFreeAtNanos[index] = Math.max(nowNanos, wireFreeAtNanos[index]) + shape.transmitNanos(bytes);
        return wireFreeAtNanos[index];
    }

    void countForwarded(Direction direction, long bytes) {
        (direction == Direction.TO_UPSTREAM ? bytesToUpstream : bytesFromUpstream).add(bytes);
    }

    Class<? extends Channel> socketChannelType() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    void forget(Connection connection) {
        connections.remove(connection);
    }
}
