package dev.callq.bench.driver.redisson;

import dev.callq.bench.driver.PatternAdmin;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNode;
import org.redisson.api.redisnode.RedisNodes;
import org.redisson.api.stream.StreamCreateGroupArgs;
import org.redisson.api.stream.StreamEndIdArgs;
import org.redisson.api.stream.StreamRangeArgs;
import org.redisson.api.stream.StreamGroup;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.client.codec.StringCodec;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The Redis primitives {@link PatternAdmin} needs, each one Redisson call (one command) through the pool. */
final class RedissonAdmin extends PatternAdmin {
    private final RedissonClient redisson;
    /** True when the client reaches the master through Sentinel: INFO then goes to the master it found. */
    private final boolean throughSentinel;

    RedissonAdmin(RedissonClient redisson, boolean throughSentinel) {
        this.redisson = redisson;
        this.throughSentinel = throughSentinel;
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
        fields.put("last-delivered-id", String.valueOf(group.getLastDeliveredId()));
        return fields;
    }

    @Override
    protected long streamPending(String key, String group) {
        return redisson.getStream(key, StringCodec.INSTANCE).getPendingInfo(group).getTotal();
    }

    @Override
    protected List<String> listRange(String key) {
        return redisson.<String>getList(key, StringCodec.INSTANCE).readAll();
    }

    /** XRANGE: {@code RStream.range}, whose start is exclusive when the id is written "(id". */
    @Override
    protected List<String> streamRange(String key, String start, String end) {
        StreamEndIdArgs<StreamRangeArgs> from = start.startsWith("(")
                ? StreamRangeArgs.startIdExclusive(id(start.substring(1)))
                : StreamRangeArgs.startId(id(start));
        return redisson.<String, String>getStream(key, StringCodec.INSTANCE).range(from.endId(id(end))).values().stream()
                .map(fields -> fields.get(RedissonProducer.STREAM_FIELD)).toList();
    }

    /** An id as XRANGE reads it: "-", "+", "ms-seq" or "ms". */
    private static StreamMessageId id(String text) {
        if (text.equals("-")) {
            return StreamMessageId.MIN;
        }
        if (text.equals("+")) {
            return StreamMessageId.MAX;
        }
        int dash = text.indexOf('-');
        return dash < 0 ? new StreamMessageId(Long.parseLong(text))
                : new StreamMessageId(Long.parseLong(text.substring(0, dash)), Long.parseLong(text.substring(dash + 1)));
    }

    /** XPENDING key group - + count: {@code RStream.listPending}. */
    @Override
    protected List<String> pendingIds(String key, String group, long count) {
        if (count <= 0) {
            return List.of();
        }
        return redisson.getStream(key, StringCodec.INSTANCE).listPending(group, StreamMessageId.MIN,
                StreamMessageId.MAX, Math.toIntExact(count)).stream().map(entry -> entry.getId().toString()).toList();
    }

    /** INFO section, as "field:value" lines: Redisson hands the section back as a map. */
    @Override
    protected String info(String section) {
        RedisNode server = throughSentinel
                ? redisson.getRedisNodes(RedisNodes.SENTINEL_MASTER_SLAVE).getMaster()
                : redisson.getRedisNodes(RedisNodes.SINGLE).getInstance();
        Map<String, String> fields = server.info(RedisNode.InfoSection.valueOf(section.toUpperCase(Locale.ROOT)));
        StringBuilder text = new StringBuilder();
        fields.forEach((name, value) -> text.append(name).append(':').append(value).append("\r\n"));
        return text.toString();
    }

    /** Nothing of its own to close: every call borrowed a connection from the client's pool. */
    @Override
    public void close() {
    }
}
