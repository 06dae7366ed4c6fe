package dev.callq.bench.driver.jedis;

import dev.callq.bench.driver.PayloadSink;
import dev.callq.bench.driver.PatternConsumer;
import dev.callq.bench.driver.QueueSpec;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.commands.JedisCommands;
import redis.clients.jedis.args.ListDirection;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.util.KeyValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a worker pops in each pattern: on a plain Jedis connection of its own, or through a pooled
 * {@code RedisClient} that lends it a connection per command.
 */
final class JedisConsumer extends PatternConsumer {
    private final JedisCommands jedis;
    private final String processingKey;
    private final String consumerName;

    /** @param closeConnection closes the worker's own connection; nothing for a pooled client */
    JedisConsumer(JedisCommands jedis, Runnable closeConnection, QueueSpec spec, int workerId, Duration clientTimeout) {
        super(spec, clientTimeout, closeConnection);
        this.jedis = jedis;
        this.processingKey = spec.processingKey(workerId);
        this.consumerName = "consumer-" + workerId;
    }

    @Override
    protected int popOne(PayloadSink sink) {
        KeyValue<String, String> popped = jedis.blpop(spec.popTimeoutSeconds(), spec.key());
        if (popped == null) {
            return 0;
        }
        sink.accept(List.of(popped.getValue()));
        return 1;
    }

    @Override
    protected int moveToProcessing(PayloadSink sink) {
        String payload = jedis.blmove(spec.key(), processingKey, ListDirection.LEFT, ListDirection.RIGHT,
                spec.popTimeoutSeconds());
        if (payload == null) {
            return 0;
        }
        sink.accept(List.of(payload));
        jedis.lrem(processingKey, 1, payload);
        return 1;
    }

    @Override
    protected int popBatch(PayloadSink sink) {
        KeyValue<String, List<String>> popped = jedis.blmpop(spec.popTimeoutSeconds(), ListDirection.LEFT,
                spec.batchSize(), spec.key());
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
        List<Map.Entry<String, List<StreamEntry>>> read = jedis.xreadGroup(spec.groupName(), consumerName, params,
                Map.of(spec.key(), StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
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
        jedis.xack(spec.key(), spec.groupName(), ids);
        return payloads.size();
    }

}
