package dev.callq.bench.driver.lettuce;

import dev.callq.bench.driver.PayloadSink;
import dev.callq.bench.driver.PatternConsumer;
import dev.callq.bench.driver.QueueSpec;
import dev.callq.bench.driver.ReplyStamp;
import io.lettuce.core.Consumer;
import io.lettuce.core.KeyValue;
import io.lettuce.core.LMPopArgs;
import io.lettuce.core.LMoveArgs;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

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
        super(spec, clientTimeout, connection::close, replyStamp);
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

}
