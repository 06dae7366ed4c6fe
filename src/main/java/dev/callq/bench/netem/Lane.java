package dev.callq.bench.netem;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.ReferenceCountUtil;

import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One direction of one proxied connection: the bytes read from {@code source} wait here until their
 * release time, then go to {@code target} in the order they came. Each chunk gets its own release time
 * (arrival + delay), so a steady stream is shifted by the delay, never spaced out by it: a pipelined
 * stream through a 2 ms link arrives 2 ms late, not 2 ms per message. All state is touched on the
 * connection's event loop only, which also wakes the lane when its head is due.
 */
final class Lane {
    /** Above this many waiting bytes the source is no longer read, so a capped or stalled link cannot fill the heap. */
    static final long MAX_QUEUED_BYTES = 4L << 20;

    private record Chunk(ByteBuf bytes, long releaseNanos) {
    }

    private final NetworkProxy proxy;
    private final Direction direction;
    private final Channel source;
    private final Channel target;
    private final ArrayDeque<Chunk> queue = new ArrayDeque<>();
    private long queuedBytes;
    private long lastReleaseNanos;
    private boolean wakeupScheduled;
    private boolean closeTargetWhenDrained;

    Lane(NetworkProxy proxy, Direction direction, Channel source, Channel target) {
        this.proxy = proxy;
        this.direction = direction;
        this.source = source;
        this.target = target;
    }

    /** A chunk read from the source: forwarded now when nothing is owed, queued otherwise. */
    void accept(ByteBuf bytes) {
        if (closeTargetWhenDrained || !target.isActive()) {
            ReferenceCountUtil.release(bytes);
            return;
        }
        long nowNanos = System.nanoTime();
        LinkShape shape = proxy.shape(direction);
        long onWireNanos = proxy.onWire(direction, bytes.readableBytes(), shape, nowNanos);
        // Jitter may draw a shorter delay than the previous chunk's; a TCP stream cannot overtake itself.
        long releaseNanos = Math.max(onWireNanos + shape.drawDelayNanos(), lastReleaseNanos);
        lastReleaseNanos = releaseNanos;
        if (queue.isEmpty() && releaseNanos <= nowNanos && !proxy.blackholed()) {
            forward(bytes);
            target.flush();
            return;
        }
        queue.add(new Chunk(bytes, releaseNanos));
        queuedBytes += bytes.readableBytes();
        scheduleWakeup(nowNanos);
        updateSourceReading();
    }

    /** Forwards every chunk that is due; on the event loop, woken by its timer or by the end of a blackhole. */
    void drain() {
        wakeupScheduled = false;
        if (proxy.blackholed()) {
            return;
        }
        long nowNanos = System.nanoTime();
        boolean wrote = false;
        while (!queue.isEmpty() && queue.peek().releaseNanos() <= nowNanos) {
            Chunk chunk = queue.poll();
            queuedBytes -= chunk.bytes().readableBytes();
            forward(chunk.bytes());
            wrote = true;
        }
        if (wrote) {
            target.flush();
        }
        if (!queue.isEmpty()) {
            scheduleWakeup(nowNanos);
        } else if (closeTargetWhenDrained) {
            closeTarget();
        }
        updateSourceReading();
    }

    /** The source closed: what it sent before closing still reaches the target, then the target is closed. */
    void sourceClosed() {
        closeTargetWhenDrained = true;
        if (queue.isEmpty()) {
            closeTarget();
        }
    }

    /** Drops what waits (the target is gone, or the connection is being reset). */
    void discard() {
        queue.forEach(chunk -> ReferenceCountUtil.release(chunk.bytes()));
        queue.clear();
        queuedBytes = 0;
    }

    /** Reads the source only while bytes can move on: no blackhole, room in the queue, a writable target. */
    void updateSourceReading() {
        boolean read = !proxy.blackholed() && queuedBytes < MAX_QUEUED_BYTES && target.isWritable()
                && !closeTargetWhenDrained;
        if (source.config().isAutoRead() != read) {
            source.config().setAutoRead(read);
        }
    }

    private void forward(ByteBuf bytes) {
        proxy.countForwarded(direction, bytes.readableBytes());
        target.write(bytes, target.voidPromise());
    }

    private void scheduleWakeup(long nowNanos) {
        if (wakeupScheduled || queue.isEmpty() || proxy.blackholed()) {
            return;
        }
        wakeupScheduled = true;
        long delayNanos = Math.max(0, queue.peek().releaseNanos() - nowNanos);
        try {
            source.eventLoop().schedule(this::drain, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            wakeupScheduled = false;
        }
    }

    private void closeTarget() {
        target.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }
}
