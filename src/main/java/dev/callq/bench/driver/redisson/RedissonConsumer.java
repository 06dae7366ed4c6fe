package dev.callq.bench.driver.redisson;

import dev.callq.bench.driver.PatternConsumer;
import dev.callq.bench.driver.PayloadSink;
import dev.callq.bench.driver.QueueSpec;
import dev.callq.bench.driver.ReplyStamp;
import org.redisson.api.RBlockingDeque;
import org.redisson.api.RList;
import org.redisson.api.RStream;
import org.redisson.api.RedissonClient;
import org.redisson.api.queue.DequeMoveArgs;
import org.redisson.api.stream.AutoClaimResult;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.api.stream.StreamReadGroupArgs;
import org.redisson.client.codec.StringCodec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How a worker pops in each pattern through Redisson's objects. Each blocking call borrows a connection
 * from the client's pool for its whole wait and returns it afterwards, so there is no connection of the
 * worker's own to close. The queue and stream objects pop through the worker's own {@link StampedCodec},
 * which tells {@link ReplyStamping} whose reply stamp a pop's command marks.
 */
final class RedissonConsumer extends PatternConsumer {
    private final RBlockingDeque<String> queue;
    private final RList<String> processing;
    private final RStream<String, String> stream;
    private final String consumerName;
    private final RedissonClient redisson;

    RedissonConsumer(RedissonClient redisson, QueueSpec spec, int workerId, Duration clientTimeout,
                     ReplyStamp replyStamp) {
        super(spec, workerId, clientTimeout, () -> { }, replyStamp);
        this.redisson = redisson;
        StampedCodec pops = new StampedCodec(replyStamp);
        this.queue = redisson.getBlockingDeque(spec.key(), pops);
        this.processing = redisson.getList(spec.processingKey(workerId), StringCodec.INSTANCE);
        this.stream = redisson.getStream(spec.key(), pops);
        this.consumerName = "consumer-" + workerId;
    }

    /** BLPOP key seconds: {@code RBlockingQueue.poll(timeout)}. */
    @Override
    protected int popOne(PayloadSink sink) {
        String payload;
        try {
            payload = queue.poll(spec.popTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
        if (payload == null) {
            return 0;
        }
        sink.accept(List.of(payload));
        return 1;
    }

    /** BLMOVE key processing LEFT RIGHT seconds, then LREM processing 1 payload. */
    @Override
    protected int moveToProcessing(PayloadSink sink) {
        String payload = queue.move(spec.popTimeout(), DequeMoveArgs.pollFirst().addLastTo(processing.getName()));
        if (payload == null) {
            return 0;
        }
        sink.accept(List.of(payload));
        processing.remove(payload, 1);
        return 1;
    }

    /** BLMPOP seconds 1 key LEFT COUNT n: {@code pollFirstFromAny} with no other queue. */
    @Override
    protected int popBatch(PayloadSink sink) {
        Map<String, List<String>> popped;
        try {
            popped = queue.pollFirstFromAny(spec.popTimeout(), spec.batchSize());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
        List<String> payloads = popped == null ? null : popped.get(spec.key());
        if (payloads == null || payloads.isEmpty()) {
            return 0;
        }
        sink.accept(payloads);
        return payloads.size();
    }

    /** XREADGROUP GROUP g consumer COUNT n BLOCK ms STREAMS key &gt;, then XACK. */
    @Override
    protected int readGroup(PayloadSink sink) {
        Map<StreamMessageId, Map<String, String>> read = stream.readGroup(spec.groupName(), consumerName,
                StreamReadGroupArgs.neverDelivered().count(spec.batchSize()).timeout(spec.popTimeout()));
        if (read == null || read.isEmpty()) {
            return 0;
        }
        return handOver(read, sink);
    }

    /** XREADGROUP GROUP g consumer COUNT n STREAMS key 0-0: this consumer's pending entries, then XACK. */
    @Override
    protected int readOwnPending(PayloadSink sink) {
        Map<StreamMessageId, Map<String, String>> read = stream.readGroup(spec.groupName(), consumerName,
                StreamReadGroupArgs.greaterThan(new StreamMessageId(0, 0)).count(spec.batchSize()));
        if (read == null) {
            return 0;
        }
        Map<StreamMessageId, Map<String, String>> entries = new LinkedHashMap<>();
        // an entry deleted from the stream while pending comes back without fields
        read.forEach((id, fields) -> {
            if (fields != null && fields.containsKey(RedissonProducer.STREAM_FIELD)) {
                entries.put(id, fields);
            }
        });
        return entries.isEmpty() ? 0 : handOver(entries, sink);
    }

    /** XAUTOCLAIM key group consumer min-idle 0-0 COUNT n: {@code RStream.autoClaim}, then XACK. */
    @Override
    protected int claimIdle(PayloadSink sink, Duration minIdle) {
        AutoClaimResult<String, String> claimed = stream.autoClaim(spec.groupName(), consumerName,
                minIdle.toMillis(), TimeUnit.MILLISECONDS, new StreamMessageId(0, 0), spec.batchSize());
        Map<StreamMessageId, Map<String, String>> entries = new LinkedHashMap<>();
        // an entry deleted from the stream while pending comes back without fields
        claimed.getMessages().forEach((id, fields) -> {
            if (fields != null && fields.containsKey(RedissonProducer.STREAM_FIELD)) {
                entries.put(id, fields);
            }
        });
        return entries.isEmpty() ? 0 : handOver(entries, sink);
    }

    /** Hands the entries' payloads to the sink, then acknowledges them. */
    private int handOver(Map<StreamMessageId, Map<String, String>> entries, PayloadSink sink) {
        List<String> payloads = new ArrayList<>(entries.size());
        StreamMessageId[] ids = new StreamMessageId[entries.size()];
        int i = 0;
        for (Map.Entry<StreamMessageId, Map<String, String>> entry : entries.entrySet()) {
            payloads.add(entry.getValue().get(RedissonProducer.STREAM_FIELD));
            ids[i++] = entry.getKey();
        }
        sink.accept(payloads);
        stream.ack(spec.groupName(), ids);
        return payloads.size();
    }

    /** SCAN MATCH pattern: {@code RKeys.getKeysByPattern}, which pages through SCAN. */
    @Override
    protected List<String> processingKeys(String pattern) {
        List<String> keys = new ArrayList<>();
        redisson.getKeys().getKeysByPattern(pattern, 100).forEach(keys::add);
        return keys;
    }

    @Override
    protected boolean exists(String key) {
        return redisson.getKeys().countExists(key) > 0;
    }

    /** LMOVE from to RIGHT LEFT: {@code RDeque.move(pollLast().addFirstTo(to))}. */
    @Override
    protected String moveBackToQueue(String from, String to) {
        return redisson.<String>getDeque(from, StringCodec.INSTANCE).move(DequeMoveArgs.pollLast().addFirstTo(to));
    }

    /** SET key 1 PX ttl: {@code RBucket.set} with a time to live. */
    @Override
    protected void setHeartbeat(String key, Duration ttl) {
        redisson.<String>getBucket(key, StringCodec.INSTANCE).set("1", ttl);
    }
}
