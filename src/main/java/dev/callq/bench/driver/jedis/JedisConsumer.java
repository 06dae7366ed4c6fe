package dev.callq.bench.driver.jedis;

import dev.callq.bench.driver.PayloadSink;
import dev.callq.bench.driver.PatternConsumer;
import dev.callq.bench.driver.QueueSpec;
import dev.callq.bench.driver.ReplyStamp;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.commands.JedisCommands;
import redis.clients.jedis.args.ListDirection;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.params.XAutoClaimParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.util.KeyValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How a worker pops in each pattern: on a plain Jedis connection of its own, or through a pooled
 * {@code RedisClient} that lends it a connection per command.
 */
final class JedisConsumer extends PatternConsumer {
    /** Where a worker's commands run: its own connection, replaced when it breaks, or a pooled client. */
    interface Commands {
        <T> T call(Function<JedisCommands, T> commands);
    }

    private final Commands link;
    private final String processingKey;
    private final String consumerName;

    /**
     * @param closeConnection closes the worker's own connection; nothing for a pooled client
     * @param replyStamp marked by the worker's socket when a reply arrives
     */
    JedisConsumer(Commands link, Runnable closeConnection, QueueSpec spec, int workerId, Duration clientTimeout,
                  ReplyStamp replyStamp) {
        super(spec, workerId, clientTimeout, closeConnection, replyStamp);
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
        return handOver(read.get(0).getValue(), sink);
    }

    @Override
    protected int readOwnPending(PayloadSink sink) {
        XReadGroupParams params = XReadGroupParams.xReadGroupParams().count(spec.batchSize());
        List<Map.Entry<String, List<StreamEntry>>> read = link.call(jedis -> jedis.xreadGroup(spec.groupName(),
                consumerName, params, Map.of(spec.key(), new StreamEntryID(0, 0))));
        if (read == null || read.isEmpty()) {
            return 0;
        }
        // an entry deleted from the stream while pending comes back without fields
        List<StreamEntry> entries = read.get(0).getValue().stream().filter(entry -> entry.getFields() != null).toList();
        return entries.isEmpty() ? 0 : handOver(entries, sink);
    }

    @Override
    protected int claimIdle(PayloadSink sink, Duration minIdle) {
        Map.Entry<StreamEntryID, List<StreamEntry>> claimed = link.call(jedis -> jedis.xautoclaim(spec.key(),
                spec.groupName(), consumerName, minIdle.toMillis(), new StreamEntryID(0, 0),
                XAutoClaimParams.xAutoClaimParams().count(spec.batchSize())));
        // an entry deleted from the stream while pending comes back without fields
        List<StreamEntry> entries = claimed.getValue().stream().filter(entry -> entry.getFields() != null).toList();
        return entries.isEmpty() ? 0 : handOver(entries, sink);
    }

    /** Hands the entries' payloads to the sink, then acknowledges them. */
    private int handOver(List<StreamEntry> entries, PayloadSink sink) {
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

    @Override
    protected List<String> processingKeys(String pattern) {
        List<String> keys = new ArrayList<>();
        ScanParams params = new ScanParams().match(pattern).count(100);
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            String from = cursor;
            ScanResult<String> page = link.call(jedis -> jedis.scan(from, params));
            keys.addAll(page.getResult());
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return keys;
    }

    @Override
    protected boolean exists(String key) {
        return link.call(jedis -> jedis.exists(key));
    }

    @Override
    protected String moveBackToQueue(String from, String to) {
        return link.call(jedis -> jedis.lmove(from, to, ListDirection.RIGHT, ListDirection.LEFT));
    }

    @Override
    protected void setHeartbeat(String key, Duration ttl) {
        link.call(jedis -> jedis.set(key, "1", SetParams.setParams().px(ttl.toMillis())));
    }

}
