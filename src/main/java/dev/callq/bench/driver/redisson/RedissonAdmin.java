package dev.callq.bench.driver.redisson;

import dev.callq.bench.driver.PatternAdmin;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.StreamCreateGroupArgs;
import org.redisson.api.stream.StreamGroup;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.client.codec.StringCodec;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The Redis primitives {@link PatternAdmin} needs, each one Redisson call (one command) through the pool. */
final class RedissonAdmin extends PatternAdmin {
    private final RedissonClient redisson;

    RedissonAdmin(RedissonClient redisson) {
        this.redisson = redisson;
    }

    @Override
    protected void delete(List<String> keys) {
        redisson.getKeys().delete(keys.toArray(String[]::new));
    }

    @Override
    protected void createGroupAtEnd(String key, String group) {
        redisson.getStream(key, StringCodec.INSTANCE)
                .createGroup(StreamCreateGroupArgs.name(group).id(StreamMessageId.NEWEST).makeStream());
    }

    @Override
    protected long listLength(String key) {
        return redisson.getList(key, StringCodec.INSTANCE).size();
    }

    @Override
    protected long streamLength(String key) {
        return redisson.getStream(key, StringCodec.INSTANCE).size();
    }

    /** Redisson decodes XINFO GROUPS into {@link StreamGroup}; its fields go back under their Redis names. */
    @Override
    protected List<Map<String, Object>> groups(String key) {
        return redisson.getStream(key, StringCodec.INSTANCE).listGroups().stream().map(RedissonAdmin::fields).toList();
    }

    private static Map<String, Object> fields(StreamGroup group) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("name", group.getName());
        fields.put("lag", (long) group.getLag());
        fields.put("entries-read", (long) group.getEntriesRead());
        return fields;
    }

    @Override
    protected long streamPending(String key, String group) {
        return redisson.getStream(key, StringCodec.INSTANCE).getPendingInfo(group).getTotal();
    }

    /** Nothing of its own to close: every call borrowed a connection from the client's pool. */
    @Override
    public void close() {
    }
}
