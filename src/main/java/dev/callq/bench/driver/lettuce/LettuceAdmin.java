package dev.callq.bench.driver.lettuce;

import dev.callq.bench.driver.PatternAdmin;
import dev.callq.bench.driver.QueuePattern;
import dev.callq.bench.driver.QueueSpec;
import dev.callq.bench.driver.StreamLag;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/** Queue set-up and inspection on a connection of its own, never a worker's. */
final class LettuceAdmin extends PatternAdmin {
    private final StatefulRedisConnection<String, String> connection;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final RedisCommands<String, String> redis;

    LettuceAdmin(StatefulRedisConnection<String, String> connection) {
        this.connection = connection;
        this.redis = connection.sync();
    }

    @Override
    public void reset(QueueSpec spec, int workers) {
        List<String> keys = new ArrayList<>(workers + 1);
        keys.add(spec.key());
        for (int workerId = 0; workerId < workers; workerId++) {
            keys.add(spec.processingKey(workerId));
        }
        redis.del(keys.toArray(String[]::new));
        if (spec.pattern() == QueuePattern.STREAM) {
            // "$": the group starts at the (empty) end of the new stream; MKSTREAM creates it.
            redis.xgroupCreate(XReadArgs.StreamOffset.latest(spec.key()), spec.groupName(),
                    new XGroupCreateArgs().mkstream(true));
        }
    }

    @Override
    public long backlog(QueueSpec spec) {
        if (spec.pattern() != QueuePattern.STREAM) {
            return listLength(spec.key());
        }
        for (Object group : redis.xinfoGroups(spec.key())) {
            Map<String, Object> fields = fields(group);
            if (spec.groupName().equals(String.valueOf(fields.get("name")))) {
                return StreamLag.of(fields, () -> redis.xlen(spec.key()));
            }
        }
        return redis.xlen(spec.key());
    }

    /** Lettuce hands XINFO GROUPS back raw: a flat name, value, name, value list per group (a map under RESP3). */
    private static Map<String, Object> fields(Object group) {
        Map<String, Object> fields = new HashMap<>();
        if (group instanceof Map<?, ?> map) {
            map.forEach((name, value) -> fields.put(String.valueOf(name), value));
        } else if (group instanceof List<?> list) {
            for (int i = 0; i + 1 < list.size(); i += 2) {
                fields.put(String.valueOf(list.get(i)), list.get(i + 1));
            }
        }
        return fields;
    }

    @Override
    protected long listLength(String key) {
        return redis.llen(key);
    }

    @Override
    protected long streamPending(QueueSpec spec) {
        return redis.xpending(spec.key(), spec.groupName()).getCount();
    }

    /** Idempotent: the driver's close() closes what its caller may already have closed, and Lettuce warns on that. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            connection.close();
        }
    }
}
