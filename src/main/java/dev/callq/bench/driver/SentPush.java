package dev.callq.bench.driver;

/**
 * A push written to Redis whose replies have not been read yet ({@link QueueProducer#send}). Its replies are
 * read later, on a thread other than the one that sent it, one sent push after another in the order they were
 * sent: replies come back on a connection in the order its commands went out.
 */
public interface SentPush {
    /**
     * Waits for this push's replies (at most the client timeout) and tells {@code outcome} what became of each
     * of its payloads, every payload exactly once.
     */
    void awaitReplies(Outcome outcome);

    /** What became of a run of a push's payloads. */
    @FunctionalInterface
    interface Outcome {
        /**
         * Payloads {@code from} to {@code from + count - 1} (indexes into the push) were stored when
         * {@code failure} is null; otherwise Redis refused them, or the connection was lost before their reply
         * came (they may or may not have been stored), as {@code failure} says.
         */
        void of(int from, int count, RuntimeException failure);
    }

    /** A push whose outcome is known already: every one of its {@code payloads} stored, or failed for one cause. */
    static SentPush settled(int payloads, RuntimeException failure) {
        return outcome -> outcome.of(0, payloads, failure);
    }
}
