package dev.callq.bench.driver.jedis;

import redis.clients.jedis.Jedis;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One Jedis connection that is replaced after it breaks. After a socket error or timeout a Jedis
 * connection is marked broken and its replies are out of step with its commands, yet Jedis keeps
 * using it: every later command fails, so one Redis hiccup ended a worker, the producer or the
 * admin for the rest of a run. Here the broken connection is closed, and the next command opens a
 * new one, waiting first a backoff that doubles after each failed attempt up to {@link #MAX_BACKOFF}.
 * Used by one thread at a time, like the connection under it; closed from any.
 */
final class JedisLink implements AutoCloseable {
    static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(1);

    private final Supplier<Jedis> connect;
    private final Object lock = new Object();
    private Jedis jedis;
    private boolean closed;
    private Duration backoff = Duration.ZERO;

    JedisLink(Supplier<Jedis> connect) {
        this.connect = connect;
        this.jedis = connect.get();
    }

    /** Runs one or more commands on the connection; a failure that broke it drops it for the next call. */
    <T> T call(Function<? super Jedis, T> commands) {
        Jedis current = current();
        try {
            return commands.apply(current);
        } catch (RuntimeException e) {
            if (current.isBroken()) {
                drop(current);
            }
            throw e;
        }
    }

    private Jedis current() {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("connection closed");
            }
            if (jedis != null) {
                return jedis;
            }
        }
        sleep(backoff);
        Jedis fresh;
        try {
            fresh = connect.get();
        } catch (RuntimeException e) {
            backoff = backoff.isZero() ? FIRST_BACKOFF : min(backoff.multipliedBy(2), MAX_BACKOFF);
            throw e;
        }
        synchronized (lock) {
            if (closed) {
                fresh.close();
                throw new IllegalStateException("connection closed");
            }
            backoff = Duration.ZERO;
            jedis = fresh;
            return fresh;
        }
    }

    private void drop(Jedis broken) {
        synchronized (lock) {
            if (jedis == broken) {
                jedis = null;
            }
        }
        closeQuietly(broken);
    }

    @Override
    public void close() {
        Jedis last;
        synchronized (lock) {
            closed = true;
            last = jedis;
            jedis = null;
        }
        if (last != null) {
            closeQuietly(last);
        }
    }

    private static void closeQuietly(Jedis jedis) {
        try {
            jedis.close();
        } catch (RuntimeException e) {
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
