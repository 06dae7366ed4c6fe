package dev.callq.bench.driver;

import dev.callq.bench.env.RedisProbe;

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

    @Override
    public final List<String> remaining(QueueSpec spec, int workers) {
        if (spec.pattern() != QueuePattern.STREAM) {
            List<String> payloads = new ArrayList<>(listRange(spec.key()));
            for (int workerId = 0; workerId < workers; workerId++) {
                payloads.addAll(listRange(spec.processingKey(workerId)));
            }
            return payloads;
        }
        // Acknowledged entries stay in the stream: only those never delivered and those pending are left.
        String lastDelivered = "0-0";
        for (Map<String, Object> group : groups(spec.key())) {
            if (spec.groupName().equals(String.valueOf(group.get("name")))) {
                lastDelivered = String.valueOf(group.get("last-delivered-id"));
            }
        }
        List<String> payloads = new ArrayList<>(streamRange(spec.key(), "(" + lastDelivered, "+"));
        for (String id : pendingIds(spec.key(), spec.groupName(), streamPending(spec.key(), spec.groupName()))) {
            payloads.addAll(streamRange(spec.key(), id, id));
        }
        return payloads;
    }

    @Override
    public final Map<String, Long> commandCalls() {
        return RedisProbe.commandCalls(info("commandstats"));
    }

    @Override
    public final String serverRunId() {
        for (String line : info("server").split("\\r?\\n")) {
            if (line.startsWith("run_id:")) {
                return line.substring("run_id:".length()).strip();
            }
        }
        return "";
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

    /** LRANGE key 0 -1. */
    protected abstract List<String> listRange(String key);

    /** XRANGE key start end: the payloads of the entries, in order ("(id" excludes id). */
    protected abstract List<String> streamRange(String key, String start, String end);

    /** XPENDING key group - + count: the ids of the pending entries. */
    protected abstract List<String> pendingIds(String key, String group, long count);

    /** INFO section. */
    protected abstract String info(String section);

    private long processingLength(QueueSpec spec, int workers) {
        long total = 0;
        for (int workerId = 0; workerId < workers; workerId++) {
            total += listLength(spec.processingKey(workerId));
        }
        return total;
    }
}
