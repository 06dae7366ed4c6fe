package dev.callq.bench.driver.lettuce;

import dev.callq.bench.driver.ReplyStamp;
import io.lettuce.core.resource.NettyCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Puts a handler at the head of every Netty channel the client opens that marks a {@link ReplyStamp}
 * when bytes arrive: the moment the event loop reads the reply, before Lettuce decodes it and hands it to
 * the worker thread waiting on it. Lettuce does not say which connection a new channel belongs to, so
 * {@link LettuceQueueDriver} opens consumer connections one at a time and claims the channel initialized
 * during that connect. A channel opened by a reconnection is claimed by no one: that consumer's pops are
 * then unstamped and left out of the split, never given a stale time.
 */
final class ReplyStamping implements NettyCustomizer {
    private volatile Handler lastInitialized;

    @Override
    public void afterChannelInitialized(Channel channel) {
        Handler handler = new Handler();
        channel.pipeline().addFirst(handler);
        lastInitialized = handler;
    }

    /**
     * Points the channel initialized last at {@code stamp}, or at nothing when it is null; called right after
     * every connect, under its lock.
     */
    void claimLastChannel(ReplyStamp stamp) {
        Handler handler = lastInitialized;
        lastInitialized = null;
        if (handler != null && stamp != null) {
            handler.stamp = stamp;
        }
    }

    private static final class Handler extends ChannelInboundHandlerAdapter {
        private volatile ReplyStamp stamp;

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            ReplyStamp target = stamp;
            if (target != null) {
                target.bytesArrived();
            }
            context.fireChannelRead(message);
        }
    }
}
