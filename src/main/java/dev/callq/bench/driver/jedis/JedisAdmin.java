package dev.callq.bench.driver.jedis;

import dev.callq.bench.driver.PatternAdmin;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XPendingParams;
import redis.clients.jedis.resps.StreamGroupInfo;

import java.util.List;
import java.util.Map;

/** Queue set-up and inspection on a connection of its own, never a worker's: the Redis primitives {@link PatternAdmin} needs. */
final class JedisAdmin extends PatternAdmin {
    private final JedisLink<Jedis> link;

    JedisAdmin(JedisLink<Jedis> link) {
        this.link = link;
    }

    @Override
    protected void delete(List<String> keys) {
        link.call(jedis -> jedis.del(keys.toArray(String[]::new)));
    }

    @Override
    protected void createGroupAtEnd(String key, String group) {
        link.call(jedis -> jedis.xgroupCreate(key, group, StreamEntryID.XGROUP_LAST_ENTRY, true));
    }

    @Override
    protected long listLength(String key) {
        return link.call(jedis -> jedis.llen(key));
    }

    @Override
    protected long streamLength(String key) {
        return link.call(jedis -> jedis.xlen(key));
    }

    @Override
    protected List<Map<String, Object>> groups(String key) {
        return link.call(jedis -> jedis.xinfoGroups(key)).stream().map(StreamGroupInfo::getGroupInfo).toList();
    }

    @Override
    protected long streamPending(String key, String group) {
        return link.call(jedis -> jedis.xpending(key, group).getTotal());
    }

    @Override
    protected List<String> listRange(String key) {
        return link.call(jedis -> jedis.lrange(key, 0, -1));
    }

    @Override
    protected List<String> streamRange(String key, String start, String end) {
        return link.call(jedis -> jedis.xrange(key, start, end)).stream()
                .map(entry -> entry.getFields().get(JedisProducer.STREAM_FIELD)).toList();
    }

    @Override
    protected List<String> pendingIds(String key, String group, long count) {
        if (count <= 0) {
            return List.of();
        }
        XPendingParams params = XPendingParams.xPendingParams("-", "+", Math.toIntExact(count));
        return link.call(jedis -> jedis.xpending(key, group, params)).stream()
                .map(entry -> entry.getID().toString()).toList();
    }

    @Override
    protected String info(String section) {
        return link.call(jedis -> jedis.info(section));
    }

    @Override
    public void close() {
        link.close();
    }
}
