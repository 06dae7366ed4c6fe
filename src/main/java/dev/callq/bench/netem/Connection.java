package dev.callq.bench.netem;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One party's connection through the proxy: the channel it opened to the proxy, the proxy's channel to
 * Redis, and a {@link Lane} each way. Lives on one event loop (both channels are registered on it).
 */
final class Connection {
    private static final Logger log = LoggerFactory.getLogger(Connection.class);

    private final NetworkProxy proxy;
    private final Channel inbound;
    private Channel outbound;
    private Lane toUpstream;
    private Lane fromUpstream;

    Connection(NetworkProxy proxy, Channel inbound) {
        this.proxy = proxy;
        this.inbound = inbound;
    }

    /** The handler of the party's side; it dials Redis once the party's connection is up. */
    ChannelInboundHandlerAdapter inboundHandler() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelActive(ChannelHandlerContext ctx) {
                connectUpstream();
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object message) {
                toUpstream.accept((ByteBuf) message);
            }

            @Override
            public void channelWritabilityChanged(ChannelHandlerContext ctx) {
                if (fromUpstream != null) {
                    fromUpstream.updateSourceReading();
                }
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                closed(toUpstream, fromUpstream);
                if (outbound == null) {
                    proxy.forget(Connection.this);
                }
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                log.debug("proxy: party side of {} failed: {}", inbound, cause.toString());
                ctx.close();
            }
        };
    }

    private void connectUpstream() {
        ChannelFuture connecting = new Bootstrap().group(inbound.eventLoop()).channel(proxy.socketChannelType())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, NetworkProxy.CONNECT_TIMEOUT_MILLIS)
                .handler(outboundHandler())
                .connect(proxy.upstream().host(), proxy.upstream().port());
        connecting.addListener(done -> {
            if (!done.isSuccess()) {
                log.debug("proxy: cannot reach {}: {}", proxy.upstream(), done.cause().toString());
                inbound.close();
                return;
            }
            outbound = connecting.channel();
            toUpstream = new Lane(proxy, Direction.TO_UPSTREAM, inbound, outbound);
            fromUpstream = new Lane(proxy, Direction.FROM_UPSTREAM, outbound, inbound);
            outbound.closeFuture().addListener(gone -> proxy.forget(this));
            if (!inbound.isActive()) {
                outbound.close();
                return;
            }
            toUpstream.updateSourceReading();
            fromUpstream.updateSourceReading();
        });
    }

    private ChannelInboundHandlerAdapter outboundHandler() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object message) {
                fromUpstream.accept((ByteBuf) message);
            }

            @Override
            public void channelWritabilityChanged(ChannelHandlerContext ctx) {
                toUpstream.updateSourceReading();
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                closed(fromUpstream, toUpstream);
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                log.debug("proxy: Redis side of {} failed: {}", inbound, cause.toString());
                ctx.close();
            }
        };
    }

    /** One side closed: what it sent still goes out, what was on its way to it is dropped. */
    private static void closed(Lane fromClosedSide, Lane toClosedSide) {
        if (fromClosedSide != null) {
            fromClosedSide.sourceClosed();
        }
        if (toClosedSide != null) {
            toClosedSide.discard();
        }
    }

    /** After a blackhole starts or ends: stop or resume reading, and forward what fell due meanwhile. */
    void blackholeChanged() {
        for (Lane lane : new Lane[] {toUpstream, fromUpstream}) {
            if (lane != null) {
                lane.updateSourceReading();
                lane.drain();
            }
        }
    }

    /** Drops what waits and closes both sides with a TCP reset (SO_LINGER 0), as a broken link does. */
    void reset() {
        if (toUpstream != null) {
            toUpstream.discard();
            fromUpstream.discard();
        }
        for (Channel channel : new Channel[] {inbound, outbound}) {
            if (channel != null && channel.isOpen()) {
                channel.config().setOption(ChannelOption.SO_LINGER, 0);
                channel.close();
            }
        }
    }

    Channel eventLoopChannel() {
        return inbound;
    }
}
