package dev.callq.bench.measure;

import java.util.Base64;
import java.util.BitSet;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A set of events (Call-ID and kind) held compactly enough to write one per shard and add them up: the
 * synthetic producer's Call-IDs end in a sequence number ({@code syn-p0-1-4711}), so each (prefix, kind)
 * becomes a bit set of sequence numbers; any other Call-ID is kept as it is. The set a producer pushed and
 * the sets its consumers took, united across shards, give the run's accounting, duplicates across
 * shards included.
 */
public final class EventSets {
    private static final Pattern NUMBERED = Pattern.compile("(.*-)(\\d{1,9})");
    private static final char KIND_SEPARATOR = '\u0000';
    private static final String OTHERS = "others";

    /** (Call-ID prefix, separator, kind) → sequence numbers. */
    private final Map<String, BitSet> numbered = new TreeMap<>();
    private final Set<String> others = new TreeSet<>();

    /** The set of {@link dev.callq.bench.event.CallEvent#uniqueKey()}s. */
    public static EventSets ofUniqueKeys(Collection<String> uniqueKeys) {
        EventSets sets = new EventSets();
        for (String key : uniqueKeys) {
            int separator = key.lastIndexOf(KIND_SEPARATOR);
            Matcher numberedId = NUMBERED.matcher(separator < 0 ? key : key.substring(0, separator));
            if (separator > 0 && numberedId.matches()) {
                sets.numbered.computeIfAbsent(numberedId.group(1) + key.substring(separator), k -> new BitSet())
                        .set(Integer.parseInt(numberedId.group(2)));
            } else {
                sets.others.add(key);
            }
        }
        return sets;
    }

    /** What a producer pushed: for each Call-ID prefix, the sequence numbers pushed, all of one kind. */
    public static EventSets ofSequences(Map<String, BitSet> sequencesByPrefix, String kind) {
        EventSets sets = new EventSets();
        sequencesByPrefix.forEach((prefix, sequences) -> sets.numbered.put(prefix + KIND_SEPARATOR + kind,
                (BitSet) sequences.clone()));
        return sets;
    }

    /** Adds {@code other} to this set (a union). */
    public void addAll(EventSets other) {
        other.numbered.forEach((key, bits) -> numbered.computeIfAbsent(key, k -> new BitSet()).or(bits));
        others.addAll(other.others);
    }

    public long size() {
        return numbered.values().stream().mapToLong(BitSet::cardinality).sum() + others.size();
    }

    /** The events of this set that {@code other} holds too. */
    public long sizeOfIntersection(EventSets other) {
        long common = 0;
        for (Map.Entry<String, BitSet> entry : numbered.entrySet()) {
            BitSet theirs = other.numbered.get(entry.getKey());
            if (theirs != null) {
                BitSet both = (BitSet) entry.getValue().clone();
                both.and(theirs);
                common += both.cardinality();
            }
        }
        for (String key : others) {
            common += other.others.contains(key) ? 1 : 0;
        }
        return common;
    }

    /**
     * The set as text for a JSON file: each prefix and kind ({@code "syn-p0-1- INVITE"}) with its bit set in
     * Base64, and the other events under {@code "others"}, newline-separated.
     */
    public Map<String, String> encode() {
        Map<String, String> text = new TreeMap<>();
        numbered.forEach((key, bits) -> text.put(key.replace(KIND_SEPARATOR, ' '),
                Base64.getEncoder().encodeToString(bits.toByteArray())));
        if (!others.isEmpty()) {
            text.put(OTHERS, String.join("\n", others.stream().map(k -> k.replace(KIND_SEPARATOR, ' ')).toList()));
        }
        return text;
    }

    /** Reads back what {@link #encode} wrote. */
    public static EventSets decode(Map<String, String> text) {
        EventSets sets = new EventSets();
        text.forEach((key, value) -> {
            if (key.equals(OTHERS)) {
                value.lines().map(EventSets::swapLastSpace).forEach(sets.others::add);
            } else {
                sets.numbered.put(swapLastSpace(key), BitSet.valueOf(Base64.getDecoder().decode(value)));
            }
        });
        return sets;
    }

    private static String swapLastSpace(String key) {
        int space = key.lastIndexOf(' ');
        return key.substring(0, space) + KIND_SEPARATOR + key.substring(space + 1);
    }
}
