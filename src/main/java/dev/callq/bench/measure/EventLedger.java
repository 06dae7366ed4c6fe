package dev.callq.bench.measure;

import dev.callq.bench.event.CallEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Counts every payload the workers take off the queue, so that the run can account for each event:
 * measured, warm-up, duplicate or malformed. Thread-safe; shared by all workers of one client.
 */
public final class EventLedger {
    private static final Logger log = LoggerFactory.getLogger(EventLedger.class);
    private static final int SAMPLE_CHARS = 200;

    private final LongAdder consumed = new LongAdder();
    private final LongAdder warmupConsumed = new LongAdder();
    /**
     * Counted when taken, not derived from the set's size: a count derived while workers were still adding
     * (consumed counted, identity not yet in the set, or added between reading the size and clearing the
     * set) reported warm-up events as taken twice that were taken once.
     */
    private final LongAdder warmupDuplicates = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    /** Each measured identity taken, with the enqueue stamp of its first event ({@link CallEvent#NO_STAMP} for none). */
    private final Map<String, Long> seen = new ConcurrentHashMap<>();
    private final Set<String> warmupSeen = ConcurrentHashMap.newKeySet();
    /** Measured identities taken more than once with the same stamp (or none): few, unless something re-delivers. */
    private final Set<String> duplicated = ConcurrentHashMap.newKeySet();
    /**
     * Identity and stamp of each event taken under an identity already taken with another enqueue stamp: a
     * second push, not a second delivery of the first (Kamailio took a SIP retransmission for a new request:
     * one that came after its transaction ended, or across a restart).
     */
    private final Set<String> rePushes = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean malformedLogged = new AtomicBoolean();
    private volatile String malformedSample;

    /**
     * A measured event; returns false when the same Call-ID and kind was taken before with the same enqueue
     * stamp, or without one (a duplicate delivery). The same identity with another stamp is a push of its own
     * ({@link #rePushedCount()}).
     */
    public boolean consumed(CallEvent event) {
        consumed.increment();
        String key = event.uniqueKey();
        long stamp = event.enqueuedAtMicros();
        Long firstStamp = seen.putIfAbsent(key, stamp);
        if (firstStamp == null) {
            return true;
        }
        if (stamp != CallEvent.NO_STAMP && firstStamp != stamp && rePushes.add(key + '\u0000' + stamp)) {
            return true;
        }
        duplicated.add(key);
        return false;
    }

    /** True when a measured event of this {@link CallEvent#uniqueKey()} was taken. */
    public boolean wasConsumed(String uniqueKey) {
        return seen.containsKey(uniqueKey);
    }

    /** Each distinct measured identity taken, once. */
    public void forEachConsumed(Consumer<String> uniqueKeyAction) {
        seen.keySet().forEach(uniqueKeyAction);
    }

    /** Each measured identity taken more than once, once. */
    public void forEachDuplicated(Consumer<String> uniqueKeyAction) {
        duplicated.forEach(uniqueKeyAction);
    }

    /**
     * A warm-up event: counted apart from the measured ones, and checked for duplicates the same way,
     * which also gets that code compiled before measuring begins.
     */
    public boolean warmupConsumed(CallEvent event) {
        warmupConsumed.increment();
        if (warmupSeen.add(event.uniqueKey())) {
            return true;
        }
        warmupDuplicates.increment();
        return false;
    }

    /** A payload that could not be decoded: counted, and the first one logged with a sample. */
    public void malformed(String payload, String reason) {
        malformed.increment();
        if (malformedLogged.compareAndSet(false, true)) {
            String sample = payload == null ? "null"
                    : payload.length() > SAMPLE_CHARS ? payload.substring(0, SAMPLE_CHARS) + "…" : payload;
            malformedSample = reason + ": " + sample;
            log.warn("malformed event ({}); sample: {} (further malformed events are counted, not logged)",
                    reason, sample);
        }
    }

    public long consumedCount() {
        return consumed.sum();
    }

    public long warmupCount() {
        return warmupConsumed.sum();
    }

    /**
     * Warm-up events taken again while their first taking was remembered: a warm-up event re-delivered
     * after {@link #forgetWarmupCallIds()} is not recognised.
     */
    public long warmupDuplicateCount() {
        return warmupDuplicates.sum();
    }

    /**
     * Forgets the warm-up's Call-IDs, keeping their count: a set of a few hundred thousand strings that
     * stays live through the measured phase lengthens its GC pauses. Safe while warm-up events are still
     * being taken (an overloaded warm-up that had not drained).
     */
    public void forgetWarmupCallIds() {
        warmupSeen.clear();
    }

    public long uniqueCount() {
        return seen.size();
    }

    /** Measured events pushed again under an identity already taken, with another enqueue stamp. */
    public long rePushedCount() {
        return rePushes.size();
    }

    /** The distinct (Call-ID, kind) keys of the measured events, as {@link CallEvent#uniqueKey()} spells them. */
    public Set<String> uniqueKeys() {
        return Set.copyOf(seen.keySet());
    }

    public long malformedCount() {
        return malformed.sum();
    }

    /** The first malformed payload and why, or null when there was none. */
    public String malformedSample() {
        return malformedSample;
    }

    /** Every payload taken off the queue so far, of every phase and form. */
    public long totalTaken() {
        return consumed.sum() + warmupConsumed.sum() + malformed.sum();
    }
}
