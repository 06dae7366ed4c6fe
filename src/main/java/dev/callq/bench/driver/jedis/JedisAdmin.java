package dev.callq.bench.driver.jedis;

import dev.callq.bench.driver.QueueAdmin;
import dev.callq.bench.driver.QueuePattern;
import dev.callq.bench.driver.QueueSpec;
import dev.callq.bench.driver.StreamLag;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamGroupInfo;

import java.util.ArrayList;
import java.util.List;

/** Queue set-up and inspection on a connection of its own, never a worker's. */
final class JedisAdmin implements QueueAdmin {
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
            return jedis.llen(spec.key());
        }
        for (StreamGroupInfo group : jedis.xinfoGroups(spec.key())) {
            if (spec.groupName().equals(group.getName())) {
                return StreamLag.of(group.getGroupInfo(), () -> jedis.xlen(spec.key()));
            }
        }
        return jedis.xlen(spec.key());
    }

    @Override
    public long pending(QueueSpec spec, int workers) {
        return switch (spec.pattern()) {
            case RELIABLE -> processingLength(spec, workers);
            case STREAM -> jedis.xpending(spec.key(), spec.groupName()).getTotal();
            case BLPOP, BATCH -> 0;
        };
    }

    private long processingLength(QueueSpec spec, int workers) {
        long total = 0;
        for (int workerId = 0; workerId < workers; workerId++) {
            total += jedis.llen(spec.processingKey(workerId));
        }
        return total;
    }

    @Override
    public void close() {
        jedis.close();
    }
}
