package dev.callq.bench.driver.lettuce;

import dev.callq.bench.driver.QueuePattern;
import dev.callq.bench.driver.QueueProducer;
import dev.callq.bench.driver.QueueSpec;
import dev.callq.bench.driver.SentPush;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Pushes on its own connection: one multi-value RPUSH, or XADDs written with auto-flush off and
 * sent in one flush, so that a whole push() is one round trip either way. Used by one thread at
 * a time, like the Jedis producer, so that both clients are measured the same way; {@link #send}'s replies are
 * awaited on its futures, from any thread.
 */
final class LettuceProducer implements QueueProducer {
    /** The one field of a stream entry; the payload is its value. */
    static final String STREAM_FIELD = "e";

    private final StatefulRedisConnection<String, String> connection;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final RedisAsyncCommands<String, String> redis;
    private final QueueSpec spec;
    private final Duration clientTimeout;

    LettuceProducer(StatefulRedisConnection<String, String> connection, QueueSpec spec, Duration clientTimeout) {
        this.connection = connection;
        this.redis = connection.async();
        this.spec = spec;
        this.clientTimeout = clientTimeout;
        // The connection is the producer's alone, so holding its writes until push() flushes stalls no one.
        connection.setAutoFlushCommands(false);
    }

    @Override
    public void push(List<String> payloads) {
        if (payloads.isEmpty()) {
            return;
        }
        awaitReplies(write(payloads));
    }

    /** Writes and flushes; each command's future says later what became of its payloads. */
    @Override
    public SentPush send(List<String> payloads) {
        if (payloads.isEmpty()) {
            return SentPush.settled(0, null);
        }
        RedisFuture<?>[] replies;
        try {
            replies = write(payloads);
        } catch (RuntimeException e) {
            return SentPush.settled(payloads.size(), e);
        }
        int eventsPerReply = payloads.size() / replies.length;
        return outcome -> {
            for (int i = 0; i < replies.length; i++) {
                outcome.of(i * eventsPerReply, eventsPerReply, failureOf(replies[i]));
            }
        };
    }

    /** One multi-value RPUSH, or one XADD per payload, flushed at once. */
    private RedisFuture<?>[] write(List<String> payloads) {
        RedisFuture<?>[] replies;
        if (spec.pattern() == QueuePattern.STREAM) {
            replies = new RedisFuture<?>[payloads.size()];
            for (int i = 0; i < payloads.size(); i++) {
                replies[i] = redis.xadd(spec.key(), Map.of(STREAM_FIELD, payloads.get(i)));
            }
        } else {
            replies = new RedisFuture<?>[] {redis.rpush(spec.key(), payloads.toArray(String[]::new))};
        }
        connection.flushCommands();
        return replies;
    }

    /** Null when the command succeeded, else why not; waits at most the client timeout. */
    private RuntimeException failureOf(RedisFuture<?> reply) {
        try {
            if (!reply.await(clientTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return new RedisCommandTimeoutException("push not answered within " + clientTimeout.toMillis() + " ms");
            }
            reply.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause() instanceof RuntimeException cause ? cause : new RedisException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new RedisCommandInterruptedException(e);
        }
    }

    /** Waits for every reply; a failed command surfaces as its own exception. */
    private void awaitReplies(RedisFuture<?>[] replies) {
        if (!LettuceFutures.awaitAll(clientTimeout, replies)) {
            throw new RedisCommandTimeoutException("push of " + replies.length + " commands not answered within "
                    + clientTimeout.toMillis() + " ms");
        }
    }

    /** Idempotent: the driver's close() closes what its caller may already have closed, and Lettuce warns on that. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            connection.close();
        }
    }
}
