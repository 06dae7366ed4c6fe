package dev.callq.bench.driver;

import java.util.Map;
import java.util.function.LongSupplier;

/** A consumer group's backlog, from the fields of its XINFO GROUPS entry. */
public final class StreamLag {
    private StreamLag() {
    }

    /**
     * The group's "lag" (entries added to the stream but not yet delivered to the group) when
     * Redis (7.0+) reports it. Redis leaves it nil when it cannot tell, after XDEL or trimming
     * past the group; then XLEN minus "entries-read" is used, which is exact as long as nothing
     * was deleted, which holds here since events are acknowledged, never deleted. Without either
     * field (Redis before 7.0) it falls back to XLEN, an upper bound.
     *
     * @param groupInfo the group's fields, by name, with Long or null values
     * @param streamLength XLEN of the stream, read only when needed
     */
    public static long of(Map<String, Object> groupInfo, LongSupplier streamLength) {
        Object lag = groupInfo.get("lag");
        if (lag instanceof Number number) {
            return number.longValue();
        }
        Object entriesRead = groupInfo.get("entries-read");
        if (entriesRead instanceof Number number) {
            return Math.max(0, streamLength.getAsLong() - number.longValue());
        }
        return streamLength.getAsLong();
    }
}
