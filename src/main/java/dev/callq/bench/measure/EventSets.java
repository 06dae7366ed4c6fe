package dev.callq.bench.measure;

import dev.callq.bench.event.CallEvent;
import dev.callq.bench.event.EventKind;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A set of events (Call-ID and kind) held compactly enough to write one per shard and add them up: INVITEs
 * whose Call-IDs are numbered ({@code syn-p0-1-4711} of a producer shard, {@code sip-0-17} of a sip-load
 * shard) as {@link SequenceIds} by Call-ID prefix, the BYEs of such Call-IDs likewise in sets of their
 * own, any other event as its key. The set a producer pushed and the sets its consumers took, united across
 * shards, give the run's accounting, duplicates across shards included.
 */
public final class EventSets {
    private static final String OTHERS = "others";
    /** How {@link #encode} names a lane of BYEs: {@code "BYE sip-0-"}. */
    private static final String BYES = "BYE ";
    private static final char KIND_SEPARATOR = '\u0000';
    private static final String BYE_SUFFIX = KIND_SEPARATOR + EventKind.BYE.name();

    private final Map<String, SequenceIds> numbered = new TreeMap<>();
    /** The BYEs of numbered Call-IDs, by the same prefixes. */
    private final Map<String, SequenceIds> numberedByes = new TreeMap<>();
    private final Set<String> others = new TreeSet<>();

    /** The set of {@link dev.callq.bench.event.CallEvent#uniqueKey()}s. */
    public static EventSets ofUniqueKeys(Collection<String> uniqueKeys) {
        EventSets sets = new EventSets();
        for (String key : uniqueKeys) {
            SequenceIds.Identity identity = SequenceIds.identity(key);
            SequenceIds.Identity bye = byeIdentity(key);
            if (identity != null) {
                sets.numbered.computeIfAbsent(identity.prefix(), SequenceIds::new)
                        .add(identity.lane(), identity.sequence(), 1);
            } else if (bye != null) {
                sets.numberedByes.computeIfAbsent(bye.prefix(), SequenceIds::new).add(bye.lane(), bye.sequence(), 1);
            } else {
                sets.others.add(key);
            }
        }
        return sets;
    }

    /** A BYE's place among the numbered Call-IDs: that of the INVITE of the same call; null if not numbered. */
    private static SequenceIds.Identity byeIdentity(String uniqueKey) {
        if (!uniqueKey.endsWith(BYE_SUFFIX)) {
            return null;
        }
        String callId = uniqueKey.substring(0, uniqueKey.length() - BYE_SUFFIX.length());
        return SequenceIds.identity(new CallEvent(callId, EventKind.INVITE, CallEvent.NO_STAMP).uniqueKey());
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
        other.numberedByes.forEach((prefix, ids) -> numberedByes.computeIfAbsent(prefix, SequenceIds::new).addAll(ids));
        others.addAll(other.others);
    }

    public long size() {
        return numbered.values().stream().mapToLong(SequenceIds::size).sum()
                + numberedByes.values().stream().mapToLong(SequenceIds::size).sum() + others.size();
    }

    /** The events of this set that {@code other} holds too. */
    public long sizeOfIntersection(EventSets other) {
        long common = commonNumbered(numbered, other.numbered) + commonNumbered(numberedByes, other.numberedByes);
        for (String key : others) {
            common += other.others.contains(key) ? 1 : 0;
        }
        return common;
    }

    private static long commonNumbered(Map<String, SequenceIds> mine, Map<String, SequenceIds> theirs) {
        long common = 0;
        for (Map.Entry<String, SequenceIds> entry : mine.entrySet()) {
            SequenceIds same = theirs.get(entry.getKey());
            common += same == null ? 0 : entry.getValue().sizeOfIntersection(same);
        }
        return common;
    }

    /**
     * The set as text for a JSON file: each lane's bit set as {@link SequenceIds#encode} writes it (a lane of
     * BYEs under {@code "BYE <lane>"}), and the other events under {@code "others"} ({@code "<Call-ID> <kind>"}),
     * newline-separated.
     */
    public Map<String, String> encode() {
        Map<String, String> text = new TreeMap<>();
        numbered.values().forEach(ids -> text.putAll(ids.encode()));
        numberedByes.values().forEach(ids -> ids.encode().forEach((lane, bits) -> text.put(BYES + lane, bits)));
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
        Map<String, String> byeLanes = new TreeMap<>();
        for (String lane : List.copyOf(lanes.keySet())) {
            if (lane.startsWith(BYES)) {
                byeLanes.put(lane.substring(BYES.length()), lanes.remove(lane));
            }
        }
        sets.numbered.putAll(SequenceIds.decode(lanes));
        sets.numberedByes.putAll(SequenceIds.decode(byeLanes));
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
