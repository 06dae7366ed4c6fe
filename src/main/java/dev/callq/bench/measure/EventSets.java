package dev.callq.bench.measure;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A set of events (Call-ID and kind) held compactly enough to write one per shard and add them up: the
 * synthetic producer's INVITEs as {@link SequenceIds} by Call-ID prefix (one per producer shard), any other
 * event as its key. The set a producer pushed and the sets its consumers took, united across shards, give
 * the run's accounting, duplicates across shards included.
 */
public final class EventSets {
    private static final String OTHERS = "others";
    private static final char KIND_SEPARATOR = '\u0000';

    private final Map<String, SequenceIds> numbered = new TreeMap<>();
    private final Set<String> others = new TreeSet<>();

    /** The set of {@link dev.callq.bench.event.CallEvent#uniqueKey()}s. */
    public static EventSets ofUniqueKeys(Collection<String> uniqueKeys) {
        EventSets sets = new EventSets();
        for (String key : uniqueKeys) {
            SequenceIds.Identity identity = SequenceIds.identity(key);
            if (identity != null) {
                sets.numbered.computeIfAbsent(identity.prefix(), SequenceIds::new)
                        .add(identity.lane(), identity.sequence(), 1);
            } else {
                sets.others.add(key);
            }
        }
        return sets;
    }

    /** What a producer pushed. */
    public static EventSets of(SequenceIds pushed) {
        EventSets sets = new EventSets();
        sets.numbered.put(pushed.prefix(), pushed.copy());
        return sets;
    }

    /** Adds {@code other} to this set (a union). */
    public void addAll(EventSets other) {
        other.numbered.forEach((prefix, ids) -> numbered.computeIfAbsent(prefix, SequenceIds::new).addAll(ids));
        others.addAll(other.others);
    }

    public long size() {
        return numbered.values().stream().mapToLong(SequenceIds::size).sum() + others.size();
    }

    /** The events of this set that {@code other} holds too. */
    public long sizeOfIntersection(EventSets other) {
        long common = 0;
        for (Map.Entry<String, SequenceIds> entry : numbered.entrySet()) {
            SequenceIds theirs = other.numbered.get(entry.getKey());
            common += theirs == null ? 0 : entry.getValue().sizeOfIntersection(theirs);
        }
        for (String key : others) {
            common += other.others.contains(key) ? 1 : 0;
        }
        return common;
    }

    /**
     * The set as text for a JSON file: each lane's bit set as {@link SequenceIds#encode} writes it, and the
     * other events under {@code "others"} ({@code "<Call-ID> <kind>"}), newline-separated.
     */
    public Map<String, String> encode() {
        Map<String, String> text = new TreeMap<>();
        numbered.values().forEach(ids -> text.putAll(ids.encode()));
        if (!others.isEmpty()) {
            text.put(OTHERS, String.join("\n", others.stream().map(k -> k.replace(KIND_SEPARATOR, ' ')).toList()));
        }
        return text;
    }

    /** Reads back what {@link #encode} wrote. */
    public static EventSets decode(Map<String, String> text) {
        EventSets sets = new EventSets();
        Map<String, String> lanes = new TreeMap<>(text);
        String othersText = lanes.remove(OTHERS);
        sets.numbered.putAll(SequenceIds.decode(lanes));
        if (othersText != null) {
            othersText.lines().map(EventSets::swapLastSpace).forEach(sets.others::add);
        }
        return sets;
    }

    private static String swapLastSpace(String key) {
        int space = key.lastIndexOf(' ');
        return key.substring(0, space) + KIND_SEPARATOR + key.substring(space + 1);
    }
}
