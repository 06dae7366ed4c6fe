package dev.callq.bench.driver.jedis;

import redis.clients.jedis.Jedis;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One Jedis connection that is replaced after it breaks. After a socket error or timeout a Jedis
 * connection is marked broken and its replies are out of step with its commands, yet Jedis keeps
 * using it: every later command fails, so one Redis hiccup ended a worker, the producer or the
 * admin for the rest of a run. Here the broken connection is closed, and the next command opens a
 * new one, waiting first a backoff that doubles after each failed attempt up to {@link #MAX_BACKOFF}.
 * Used by one thread at a time, like the connection under it; closed from any. A connection found broken
 * before a call (by another thread reading its replies, for the producer) is replaced before it.
 *
 * @param <C> a {@link Jedis}, or the producer's {@link SplitConnection}
 */
final class JedisLink<C extends Closeable> implements AutoCloseable {
    static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(1);

    private final Supplier<C> connect;
    private final Predicate<? super C> isBroken;
    private final Object lock = new Object();
    private C connection;
    private boolean closed;
    private Duration backoff = Duration.ZERO;

    JedisLink(Supplier<C> connect, Predicate<? super C> isBroken) {
        this.connect = connect;
        this.isBroken = isBroken;
        this.connection = connect.get();
    }

    /** A link of plain {@link Jedis} connections. */
    static JedisLink<Jedis> of(Supplier<Jedis> connect) {
        return new JedisLink<>(connect, Jedis::isBroken);
    }

    /** Runs one or more commands on the connection; a failure that broke it drops it for the next call. */
    <T> T call(Function<? super C, T> commands) {
        C current = current();
        try {
            return commands.apply(current);
        } catch (RuntimeException e) {
            if (isBroken.test(current)) {
                drop(current);
            }
            throw e;
        }
    }

    private C current() {
        C broken = null;
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("connection closed");
            }
            if (connection != null && !isBroken.test(connection)) {
                return connection;
            }
            if (connection != null) {
                broken = connection;
                connection = null;
            }
        }
        if (broken != null) {
            closeQuietly(broken);
        }
        sleep(backoff);
        C fresh;
        try {
            fresh = connect.get();
        } catch (RuntimeException e) {
            backoff = backoff.isZero() ? FIRST_BACKOFF : min(backoff.multipliedBy(2), MAX_BACKOFF);
            throw e;
        }
        synchronized (lock) {
            if (closed) {
                closeQuietly(fresh);
                throw new IllegalStateException("connection closed");
            }
            backoff = Duration.ZERO;
            connection = fresh;
            return fresh;
        }
    }

    private void drop(C broken) {
        synchronized (lock) {
            if (connection == broken) {
                connection = null;
            }
        }
        closeQuietly(broken);
    }

    @Override
    public void close() {
        C last;
        synchronized (lock) {
            closed = true;
            last = connection;
            connection = null;
        }
        if (last != null) {
            closeQuietly(last);
        }
    }

    private static void closeQuietly(Closeable connection) {
        try {
            connection.close();
        } catch (IOException | RuntimeException e) {
            // a broken connection may fail to close; its socket is released either way
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void sleep(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
