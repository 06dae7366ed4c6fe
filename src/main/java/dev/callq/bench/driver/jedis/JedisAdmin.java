package dev.callq.bench.driver.jedis;

import dev.callq.bench.driver.PatternAdmin;
import dev.callq.bench.driver.QueuePattern;
import dev.callq.bench.driver.QueueSpec;
import dev.callq.bench.driver.StreamLag;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamGroupInfo;

import java.util.ArrayList;
import java.util.List;

/** Queue set-up and inspection on a connection of its own, never a worker's. */
final class JedisAdmin extends PatternAdmin {
    private final Jedis jedis;

    JedisAdmin(Jedis jedis) {
        this.jedis = jedis;
    }

    @Override
    public void reset(QueueSpec spec, int workers) {
        List<String> keys = new ArrayList<>(workers + 1);
        keys.add(spec.key());
        for (int workerId = 0; workerId < workers; workerId++) {
            keys.add(spec.processingKey(workerId));
        }
        jedis.del(keys.toArray(String[]::new));
        if (spec.pattern() == QueuePattern.STREAM) {
            // "$": the group starts at the (empty) end of the new stream; MKSTREAM creates it.
            jedis.xgroupCreate(spec.key(), spec.groupName(), StreamEntryID.XGROUP_LAST_ENTRY, true);
        }
    }

    @Override
    public long backlog(QueueSpec spec) {
        if (spec.pattern() != QueuePattern.STREAM) {
            return listLength(spec.key());
        }
        for (StreamGroupInfo group : jedis.xinfoGroups(spec.key())) {
            if (spec.groupName().equals(group.getName())) {
                return StreamLag.of(group.getGroupInfo(), () -> jedis.xlen(spec.key()));
            }
        }
        return jedis.xlen(spec.key());
    }

    @Override
    protected long listLength(String key) {
        return jedis.llen(key);
    }

    @Override
    protected long streamPending(QueueSpec spec) {
        return jedis.xpending(spec.key(), spec.groupName()).getTotal();
    }

    @Override
    public void close() {
        jedis.close();
    }
}
