package dev.callq.bench.env;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A slow Redis on demand: pauses its writers for {@code stall} every {@code period} until closed
 * ({@link RedisProbe#pauseWriters}). What it shows is what a Redis that stalls does to its clients: with
 * Kamailio's ndb_redis, whose RPUSH runs inside the SIP worker that handles the INVITE, the call waits
 * (post-dial delay) and, past ndb_redis's command timeout, is answered 5xx.
 */
public final class RedisStalls implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisStalls.class);

    private final ScheduledExecutorService timer;
    private final AtomicLong stalls = new AtomicLong();

    private RedisStalls(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** Starts stalling now, then every {@code period}. */
    public static RedisStalls start(RedisEndpoint endpoint, Duration stall, Duration period) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "redis-stalls");
            thread.setDaemon(true);
            return thread;
        });
        RedisStalls stalls = new RedisStalls(timer);
        timer.scheduleAtFixedRate(() -> {
            try {
                RedisProbe.pauseWriters(endpoint, stall);
                stalls.stalls.incrementAndGet();
            } catch (RuntimeException e) {
                LOG.warn("could not stall Redis: {}", e.getMessage());
            }
        }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
        return stalls;
    }

    /** Stalls issued so far. */
    public long count() {
        return stalls.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
