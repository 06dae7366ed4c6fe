package dev.callq.bench.measure;

import java.util.Set;
import java.util.function.Consumer;

/**
 * Where every measured event went. By identity when the load knows which events it produced: each is
 * consumed once, consumed more than once (a duplicate), still in Redis, or lost; an event consumed that was
 * never produced is unexpected, and never cancels a lost one. By counts otherwise ({@link #of}).
 *
 * @param expected             events the load should have put in the queue
 * @param consumed             well-formed measured events taken off the queue (duplicates included)
 * @param unique               distinct (Call-ID, kind) among them
 * @param lost                 expected events neither consumed nor left in the queue
 * @param duplicates           events delivered more than once: consumed − unique − rePushed
 * @param unexpected           distinct events consumed or left that were never produced
 * @param malformed            payloads that were not events
 * @param leftInQueue          events still in Redis (list, processing lists or stream) after the drain phase
 * @param pushedDespiteFailure events whose push was reported failed but that arrived anyway (not expected,
 *                             not unexpected: counted apart)
 * @param byIdentity           true when reconciled by identity, false when only counts were known
 * @param rePushed             events pushed again under a (Call-ID, kind) already pushed, with another enqueue
 *                             stamp: pushes of their own, each delivered, neither duplicates nor unexpected (the
 *                             proxy took a SIP retransmission for a new request); counted where stamps tell them
 */
public record Accounting(long expected, long consumed, long unique, long lost, long duplicates,
                         long unexpected, long malformed, long leftInQueue, long pushedDespiteFailure,
                         boolean byIdentity, long rePushed) {

    public Accounting(long expected, long consumed, long unique, long lost, long duplicates, long unexpected,
                      long malformed, long leftInQueue, long pushedDespiteFailure, boolean byIdentity) {
        this(expected, consumed, unique, lost, duplicates, unexpected, malformed, leftInQueue, pushedDespiteFailure,
                byIdentity, 0);
    }

    /** Reconciled by counts alone: an unexpected event hides a lost one. */
    public static Accounting of(long expected, long consumed, long unique, long malformed, long leftInQueue) {
        return of(expected, consumed, unique, 0, malformed, leftInQueue);
    }

    /**
     * Reconciled by counts alone, {@code rePushed} of the consumed events being second pushes of an identity:
     * each a push of its own, so it accounts for an expected push as a distinct identity does.
     */
    public static Accounting of(long expected, long consumed, long unique, long rePushed, long malformed,
                                long leftInQueue) {
        long accountedFor = unique + rePushed + leftInQueue;
        return new Accounting(expected, consumed, unique,
                Math.max(0, expected - accountedFor),
                consumed - unique - rePushed,
                Math.max(0, accountedFor - expected),
                malformed, leftInQueue, 0, false, rePushed);
    }

    /** The accounting and the identities it names. */
    public record Reconciliation(Accounting accounting, CappedIds lostIds, CappedIds duplicateIds,
                                 CappedIds unexpectedIds) {
    }

    /**
     * Reconciles what the load produced with what the ledger consumed and what was left in Redis.
     *
     * @param leftKeys          identities of the well-formed events read back from what the drain left
     * @param leftInQueue       payloads left, malformed ones included
     */
    public static Reconciliation reconcile(ExpectedEvents expected, EventLedger ledger, Set<String> leftKeys,
                                           long leftInQueue) {
        CappedIds duplicateIds = new CappedIds();
        ledger.forEachDuplicated(duplicateIds::add);
        if (!expected.byIdentity()) {
            Accounting counted = of(expected.count(), ledger.consumedCount(), ledger.uniqueCount(),
                    ledger.rePushedCount(), ledger.malformedCount(), leftInQueue);
            return new Reconciliation(counted, new CappedIds(), duplicateIds, new CappedIds());
        }
        CappedIds lostIds = new CappedIds();
        expected.ids().forEach(key -> {
            if (!ledger.wasConsumed(key) && !leftKeys.contains(key)) {
                lostIds.add(key);
            }
        });
        CappedIds unexpectedIds = new CappedIds();
        long[] despiteFailure = {0};
        Consumer<String> arrived = key -> {
            if (expected.ids().contains(key)) {
                return;
            }
            if (expected.reportedFailed().contains(key)) {
                despiteFailure[0]++;
            } else {
                unexpectedIds.add(key);
            }
        };
        ledger.forEachConsumed(arrived);
        leftKeys.stream().filter(key -> !ledger.wasConsumed(key)).forEach(arrived);
        Accounting accounting = new Accounting(expected.count(), ledger.consumedCount(), ledger.uniqueCount(),
                lostIds.total(), ledger.consumedCount() - ledger.uniqueCount() - ledger.rePushedCount(),
                unexpectedIds.total(), ledger.malformedCount(), leftInQueue, despiteFailure[0], true,
                ledger.rePushedCount());
        return new Reconciliation(accounting, lostIds, duplicateIds, unexpectedIds);
    }

    /** True when each expected event was consumed exactly once and nothing else arrived. */
    public boolean balanced() {
        return lost == 0 && duplicates == 0 && unexpected == 0 && malformed == 0 && leftInQueue == 0;
    }
}
