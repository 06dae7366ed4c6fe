package dev.callq.bench.driver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What every client's admin shares: which Redis structures a queue pattern uses, how to reset them and
 * where its backlog and pending events are. A client's admin only supplies the Redis primitives below,
 * each one command.
 */
public abstract class PatternAdmin implements QueueAdmin {
    @Override
    public final void reset(QueueSpec spec, int workers) {
        List<String> keys = new ArrayList<>(workers + 1);
        keys.add(spec.key());
        for (int workerId = 0; workerId < workers; workerId++) {
            keys.add(spec.processingKey(workerId));
        }
        delete(keys);
        if (spec.pattern() == QueuePattern.STREAM) {
            // "$": the group starts at the (empty) end of the new stream; MKSTREAM creates it.
            createGroupAtEnd(spec.key(), spec.groupName());
        }
    }

    @Override
    public final long backlog(QueueSpec spec) {
        if (spec.pattern() != QueuePattern.STREAM) {
            return listLength(spec.key());
        }
        for (Map<String, Object> group : groups(spec.key())) {
            if (spec.groupName().equals(String.valueOf(group.get("name")))) {
                return StreamLag.of(group, () -> streamLength(spec.key()));
            }
        }
        return streamLength(spec.key());
    }

    @Override
    public final long pending(QueueSpec spec, int workers) {
        return switch (spec.pattern()) {
            case RELIABLE -> processingLength(spec, workers);
            case STREAM -> streamPending(spec.key(), spec.groupName());
            case BLPOP, BATCH -> 0;
        };
    }

    /** DEL of every key. */
    protected abstract void delete(List<String> keys);

    /** XGROUP CREATE key group $ MKSTREAM. */
    protected abstract void createGroupAtEnd(String key, String group);

    /** LLEN of a list; 0 when it does not exist. */
    protected abstract long listLength(String key);

    /** XLEN of a stream. */
    protected abstract long streamLength(String key);

    /** XINFO GROUPS: each consumer group's fields by their Redis names (name, lag, entries-read…). */
    protected abstract List<Map<String, Object>> groups(String key);

    /** XPENDING's count for the consumer group. */
    protected abstract long streamPending(String key, String group);

    private long processingLength(QueueSpec spec, int workers) {
        long total = 0;
        for (int workerId = 0; workerId < workers; workerId++) {
            total += listLength(spec.processingKey(workerId));
        }
        return total;
    }
}
