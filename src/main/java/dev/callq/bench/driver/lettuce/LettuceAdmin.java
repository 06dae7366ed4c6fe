package dev.callq.bench.driver.lettuce;

import dev.callq.bench.driver.PatternAdmin;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.models.stream.PendingMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/** Queue set-up and inspection on a connection of its own, never a worker's: the Redis primitives {@link PatternAdmin} needs. */
final class LettuceAdmin extends PatternAdmin {
    private final StatefulRedisConnection<String, String> connection;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final RedisCommands<String, String> redis;

    LettuceAdmin(StatefulRedisConnection<String, String> connection) {
        this.connection = connection;
        this.redis = connection.sync();
    }

    @Override
    protected void delete(List<String> keys) {
        redis.del(keys.toArray(String[]::new));
    }

    @Override
    protected void createGroupAtEnd(String key, String group) {
        redis.xgroupCreate(XReadArgs.StreamOffset.latest(key), group, new XGroupCreateArgs().mkstream(true));
    }

    @Override
    protected long streamLength(String key) {
        return redis.xlen(key);
    }

    @Override
    protected List<Map<String, Object>> groups(String key) {
        return redis.xinfoGroups(key).stream().map(LettuceAdmin::fields).toList();
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
    protected long streamPending(String key, String group) {
        return redis.xpending(key, group).getCount();
    }

    @Override
    protected List<String> listRange(String key) {
        return redis.lrange(key, 0, -1);
    }

    @Override
    protected List<String> streamRange(String key, String start, String end) {
        return redis.xrange(key, Range.from(boundary(start), boundary(end))).stream()
                .map(message -> message.getBody().get(LettuceProducer.STREAM_FIELD)).toList();
    }

    /** XRANGE's spelling of a bound: "-" and "+" unbounded, "(id" exclusive. */
    private static Range.Boundary<String> boundary(String bound) {
        if (bound.equals("-") || bound.equals("+")) {
            return Range.Boundary.unbounded();
        }
        return bound.startsWith("(") ? Range.Boundary.excluding(bound.substring(1)) : Range.Boundary.including(bound);
    }

    @Override
    protected List<String> pendingIds(String key, String group, long count) {
        if (count <= 0) {
            return List.of();
        }
        return redis.xpending(key, group, Range.unbounded(), Limit.from(count)).stream()
                .map(PendingMessage::getId).toList();
    }

    @Override
    protected String info(String section) {
        return redis.info(section);
    }

    /** Idempotent: the driver's close() closes what its caller may already have closed, and Lettuce warns on that. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            connection.close();
        }
    }
}
