package dev.callq.bench.driver.redisson;

import dev.callq.bench.driver.QueuePattern;
import dev.callq.bench.driver.QueueProducer;
import dev.callq.bench.driver.QueueSpec;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RList;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.StreamAddArgs;
import org.redisson.client.codec.StringCodec;

import java.util.List;

/**
 * Pushes through the client's pool: one multi-value RPUSH ({@code RList.addAll}), or XADDs sent as one
 * batch, so that a whole push() is one round trip either way, as for the other clients.
 */
final class RedissonProducer implements QueueProducer {
    /** The one field of a stream entry; the payload is its value. */
    static final String STREAM_FIELD = "e";

    private final RedissonClient redisson;
    private final QueueSpec spec;
    private final RList<String> list;

    RedissonProducer(RedissonClient redisson, QueueSpec spec) {
        this.redisson = redisson;
        this.spec = spec;
        this.list = redisson.getList(spec.key(), StringCodec.INSTANCE);
    }

    @Override
    public void push(List<String> payloads) {
        if (payloads.isEmpty()) {
            return;
        }
        if (spec.pattern() == QueuePattern.STREAM) {
            RBatch batch = redisson.createBatch(BatchOptions.defaults());
            for (String payload : payloads) {
                batch.<String, String>getStream(spec.key(), StringCodec.INSTANCE)
                        .addAsync(StreamAddArgs.entry(STREAM_FIELD, payload));
            }
            batch.execute();
        } else {
            list.addAll(payloads);
        }
    }

    /** Nothing of its own to close: the connection went back to the client's pool after each push. */
    @Override
    public void close() {
    }
}
