package dev.callq.bench.driver.lettuce;

import dev.callq.bench.driver.PayloadSink;
import dev.callq.bench.driver.PatternConsumer;
import dev.callq.bench.driver.QueueSpec;
import dev.callq.bench.driver.ReplyStamp;
import io.lettuce.core.Consumer;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.LMPopArgs;
import io.lettuce.core.LMoveArgs;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.SetArgs;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.models.stream.ClaimedMessages;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** How a worker pops in each pattern, on a Lettuce connection of its own (sync API). */
final class LettuceConsumer extends PatternConsumer {
    private final RedisCommands<String, String> redis;
    private final String processingKey;
    private final Consumer<String> groupConsumer;

    LettuceConsumer(StatefulRedisConnection<String, String> connection, QueueSpec spec, int workerId,
                    Duration clientTimeout, ReplyStamp replyStamp) {
        super(spec, workerId, clientTimeout, connection::close, replyStamp);
        this.redis = connection.sync();
        this.processingKey = spec.processingKey(workerId);
        this.groupConsumer = Consumer.from(spec.groupName(), "consumer-" + workerId);
    }

    @Override
    protected int popOne(PayloadSink sink) {
        KeyValue<String, String> popped = redis.blpop(spec.popTimeoutSeconds(), spec.key());
        if (popped == null || !popped.hasValue()) {
            return 0;
        }
        sink.accept(List.of(popped.getValue()));
        return 1;
    }

    @Override
    protected int moveToProcessing(PayloadSink sink) {
        String payload = redis.blmove(spec.key(), processingKey, LMoveArgs.Builder.leftRight(),
                spec.popTimeoutSeconds());
        if (payload == null) {
            return 0;
        }
        sink.accept(List.of(payload));
        redis.lrem(processingKey, 1, payload);
        return 1;
    }

    @Override
    protected int popBatch(PayloadSink sink) {
        KeyValue<String, List<String>> popped = redis.blmpop(spec.popTimeoutSeconds(),
                LMPopArgs.Builder.left().count(spec.batchSize()), spec.key());
        if (popped == null || !popped.hasValue() || popped.getValue().isEmpty()) {
            return 0;
        }
        sink.accept(popped.getValue());
        return popped.getValue().size();
    }

    @Override
    protected int readGroup(PayloadSink sink) {
        XReadArgs args = XReadArgs.Builder.count(spec.batchSize()).block(spec.popTimeout());
        List<StreamMessage<String, String>> messages = redis.xreadgroup(groupConsumer, args,
                XReadArgs.StreamOffset.lastConsumed(spec.key()));
        if (messages == null || messages.isEmpty()) {
            return 0;
        }
        return handOver(messages, sink);
    }

    @Override
    protected int readOwnPending(PayloadSink sink) {
        List<StreamMessage<String, String>> messages = redis.xreadgroup(groupConsumer,
                XReadArgs.Builder.count(spec.batchSize()), XReadArgs.StreamOffset.from(spec.key(), "0-0"));
        if (messages == null) {
            return 0;
        }
        // an entry deleted from the stream while pending comes back without a body
        List<StreamMessage<String, String>> entries = messages.stream()
                .filter(message -> message.getBody() != null && !message.getBody().isEmpty()).toList();
        return entries.isEmpty() ? 0 : handOver(entries, sink);
    }

    @Override
    protected int claimIdle(PayloadSink sink, Duration minIdle) {
        ClaimedMessages<String, String> claimed = redis.xautoclaim(spec.key(),
                XAutoClaimArgs.Builder.xautoclaim(groupConsumer, minIdle, "0-0").count(spec.batchSize()));
        // an entry deleted from the stream while pending comes back without a body
        List<StreamMessage<String, String>> messages = claimed.getMessages().stream()
                .filter(message -> message.getBody() != null && !message.getBody().isEmpty()).toList();
        return messages.isEmpty() ? 0 : handOver(messages, sink);
    }

    /** Hands the messages' payloads to the sink, then acknowledges them. */
    private int handOver(List<StreamMessage<String, String>> messages, PayloadSink sink) {
        List<String> payloads = new ArrayList<>(messages.size());
        String[] ids = new String[messages.size()];
        for (int i = 0; i < messages.size(); i++) {
            payloads.add(messages.get(i).getBody().get(LettuceProducer.STREAM_FIELD));
            ids[i] = messages.get(i).getId();
        }
        sink.accept(payloads);
        redis.xack(spec.key(), spec.groupName(), ids);
        return payloads.size();
    }

    @Override
    protected List<String> processingKeys(String pattern) {
        List<String> keys = new ArrayList<>();
        ScanArgs args = ScanArgs.Builder.matches(pattern).limit(100);
        KeyScanCursor<String> page = redis.scan(args);
        keys.addAll(page.getKeys());
        while (!page.isFinished()) {
            page = redis.scan(page, args);
            keys.addAll(page.getKeys());
        }
        return keys;
    }

    @Override
    protected boolean exists(String key) {
        return redis.exists(key) > 0;
    }

    @Override
    protected String moveBackToQueue(String from, String to) {
        return redis.lmove(from, to, LMoveArgs.Builder.rightLeft());
    }

    @Override
    protected void setHeartbeat(String key, Duration ttl) {
        redis.set(key, "1", SetArgs.Builder.px(ttl));
    }

}
