package dev.callq.bench.driver.redisson;

import dev.callq.bench.driver.ReplyStamp;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.redisson.client.NettyHook;
import org.redisson.client.RedisConnection;
import org.redisson.client.protocol.CommandData;

/**
 * Puts a handler at the head of every Netty channel Redisson opens that marks a {@link ReplyStamp} when
 * bytes arrive: the moment the event loop reads the reply, before Redisson decodes it and completes the
 * future the worker waits on. Redisson lends a pooled connection per command, so a channel belongs to no
 * worker; the reply belongs to the command in flight on the channel, and that command's
 * {@link StampedCodec} names the worker's stamp. A command sent through any other codec (Redisson's
 * PING, the admin's commands, a worker's acknowledgement) marks nothing.
 */
final class ReplyStamping implements NettyHook {
    @Override
    public void afterBoostrapInitialization(Bootstrap bootstrap) {
    }

    @Override
    public void afterChannelInitialization(Channel channel) {
        channel.pipeline().addFirst(new Handler());
    }

    private static final class Handler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            RedisConnection connection = RedisConnection.getFrom(context.channel());
            CommandData<?, ?> inFlight = connection == null ? null : connection.getCurrentCommand();
            if (inFlight != null && inFlight.getCodec() instanceof StampedCodec codec) {
                codec.stamp().bytesArrived();
            }
            context.fireChannelRead(message);
        }
    }
}
