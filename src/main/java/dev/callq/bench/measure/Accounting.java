package dev.callq.bench.measure;

/**
 * Where every measured event went.
 *
 * @param expected    events the load should have put in the queue
 * @param consumed    well-formed measured events taken off the queue (duplicates included)
 * @param unique      distinct (Call-ID, kind) among them
 * @param lost        expected events neither consumed nor left in the queue
 * @param duplicates  events consumed more than once: consumed − unique
 * @param unexpected  distinct events beyond what was expected (a sign the expectation is wrong)
 * @param malformed   payloads that were not events
 * @param leftInQueue events still in Redis (list, processing lists or stream) after the drain phase
 */
public record Accounting(long expected, long consumed, long unique, long lost, long duplicates,
                         long unexpected, long malformed, long leftInQueue) {

    public static Accounting of(long expected, long consumed, long unique, long malformed, long leftInQueue) {
        long accountedFor = unique + leftInQueue;
        return new Accounting(expected, consumed, unique,
                Math.max(0, expected - accountedFor),
                consumed - unique,
                Math.max(0, accountedFor - expected),
                malformed, leftInQueue);
    }

    /** True when each expected event was consumed exactly once and nothing else arrived. */
    public boolean balanced() {
        return lost == 0 && duplicates == 0 && unexpected == 0 && malformed == 0 && leftInQueue == 0;
    }
}
