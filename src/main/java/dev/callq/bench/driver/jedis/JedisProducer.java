package dev.callq.bench.driver.jedis;

import dev.callq.bench.driver.QueuePattern;
import dev.callq.bench.driver.QueueProducer;
import dev.callq.bench.driver.QueueSpec;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.StreamEntryID;

import java.util.List;
import java.util.Map;

/**
 * Pushes on its own connection: one multi-value RPUSH, or pipelined XADDs for streams. Used by
 * one thread at a time, like the Jedis connection under it.
 */
final class JedisProducer implements QueueProducer {
    /** The one field of a stream entry; the payload is its value. */
    static final String STREAM_FIELD = "e";

    private final Jedis jedis;
    private final QueueSpec spec;

    JedisProducer(Jedis jedis, QueueSpec spec) {
        this.jedis = jedis;
        this.spec = spec;
    }

    @Override
    public void push(List<String> payloads) {
        if (payloads.isEmpty()) {
            return;
        }
        if (spec.pattern() == QueuePattern.STREAM) {
            addToStream(payloads);
        } else {
            jedis.rpush(spec.key(), payloads.toArray(String[]::new));
        }
    }

    private void addToStream(List<String> payloads) {
        try (Pipeline pipeline = jedis.pipelined()) {
            for (String payload : payloads) {
                pipeline.xadd(spec.key(), StreamEntryID.NEW_ENTRY, Map.of(STREAM_FIELD, payload));
            }
            pipeline.sync();
        }
    }

    @Override
    public void close() {
        jedis.close();
    }
}
