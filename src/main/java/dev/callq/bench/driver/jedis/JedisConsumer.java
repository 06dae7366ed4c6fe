package dev.callq.bench.driver.jedis;

import dev.callq.bench.driver.PayloadSink;
import dev.callq.bench.driver.PatternConsumer;
import dev.callq.bench.driver.QueueSpec;
import dev.callq.bench.driver.ReplyStamp;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.args.ListDirection;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.util.KeyValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** How a worker pops in each pattern, on a Jedis connection of its own. */
final class JedisConsumer extends PatternConsumer {
    private final JedisLink link;
    private final String processingKey;
    private final String consumerName;

    JedisConsumer(JedisLink link, QueueSpec spec, int workerId, Duration clientTimeout, ReplyStamp replyStamp) {
        super(spec, clientTimeout, link::close, replyStamp);
        this.link = link;
        this.processingKey = spec.processingKey(workerId);
        this.consumerName = "consumer-" + workerId;
    }

    @Override
    protected int popOne(PayloadSink sink) {
        KeyValue<String, String> popped = link.call(jedis -> jedis.blpop(spec.popTimeoutSeconds(), spec.key()));
        if (popped == null) {
            return 0;
        }
        sink.accept(List.of(popped.getValue()));
        return 1;
    }

    @Override
    protected int moveToProcessing(PayloadSink sink) {
        String payload = link.call(jedis -> jedis.blmove(spec.key(), processingKey, ListDirection.LEFT,
                ListDirection.RIGHT, spec.popTimeoutSeconds()));
        if (payload == null) {
            return 0;
        }
        sink.accept(List.of(payload));
        link.call(jedis -> jedis.lrem(processingKey, 1, payload));
        return 1;
    }

    @Override
    protected int popBatch(PayloadSink sink) {
        KeyValue<String, List<String>> popped = link.call(jedis -> jedis.blmpop(spec.popTimeoutSeconds(),
                ListDirection.LEFT, spec.batchSize(), spec.key()));
        if (popped == null || popped.getValue().isEmpty()) {
            return 0;
        }
        sink.accept(popped.getValue());
        return popped.getValue().size();
    }

    @Override
    protected int readGroup(PayloadSink sink) {
        XReadGroupParams params = XReadGroupParams.xReadGroupParams()
                .count(spec.batchSize())
                .block(Math.toIntExact(spec.popTimeout().toMillis()));
        List<Map.Entry<String, List<StreamEntry>>> read = link.call(jedis -> jedis.xreadGroup(spec.groupName(),
                consumerName, params, Map.of(spec.key(), StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY)));
        if (read == null || read.isEmpty() || read.get(0).getValue().isEmpty()) {
            return 0;
        }
        List<StreamEntry> entries = read.get(0).getValue();
        List<String> payloads = new ArrayList<>(entries.size());
        StreamEntryID[] ids = new StreamEntryID[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            payloads.add(entries.get(i).getFields().get(JedisProducer.STREAM_FIELD));
            ids[i] = entries.get(i).getID();
        }
        sink.accept(payloads);
        link.call(jedis -> jedis.xack(spec.key(), spec.groupName(), ids));
        return payloads.size();
    }

}
