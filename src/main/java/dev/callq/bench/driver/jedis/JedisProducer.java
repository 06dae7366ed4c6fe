package dev.callq.bench.driver.jedis;

import dev.callq.bench.driver.QueuePattern;
import dev.callq.bench.driver.QueueProducer;
import dev.callq.bench.driver.QueueSpec;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Pushes on its own connection: one multi-value RPUSH, or pipelined XADDs for streams. Used by
 * one thread at a time, like the Jedis connection under it.
 */
final class JedisProducer implements QueueProducer {
    /** The one field of a stream entry; the payload is its value. */
    static final String STREAM_FIELD = "e";

    private final JedisLink link;
    private final QueueSpec spec;

    JedisProducer(JedisLink link, QueueSpec spec) {
        this.link = link;
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
            link.call(jedis -> jedis.rpush(spec.key(), payloads.toArray(String[]::new)));
        }
    }

    /**
     * The pipeline's sync() reads every reply but raises none of the errors among them: each reply is read
     * back, so that an XADD Redis refused (LOADING while a restarted server reads its append-only file) fails
     * the push instead of counting as acknowledged.
     */
    private void addToStream(List<String> payloads) {
        link.call(jedis -> {
            List<Response<StreamEntryID>> replies = new ArrayList<>(payloads.size());
            try (Pipeline pipeline = jedis.pipelined()) {
                for (String payload : payloads) {
                    replies.add(pipeline.xadd(spec.key(), StreamEntryID.NEW_ENTRY, Map.of(STREAM_FIELD, payload)));
                }
                pipeline.sync();
            }
            replies.forEach(Response::get);
            return null;
        });
    }

    @Override
    public void close() {
        link.close();
    }
}
