package dev.callq.bench.measure;

/**
 * What a measured phase should have put in the queue, as the load knows it.
 *
 * @param count           how many events
 * @param ids             which events, by identity; null when only the count is known
 * @param reportedFailed  pushes the producer (or Kamailio) reported failed: one that landed anyway is
 *                        "pushed despite a reported failure", counted apart, never unexpected
 * @param countOnlyReason why the identities are not known; null when they are
 */
public record ExpectedEvents(long count, EventIds ids, EventIds reportedFailed, String countOnlyReason) {
    public static ExpectedEvents byIdentity(EventIds ids, EventIds reportedFailed) {
        return new ExpectedEvents(ids.size(), ids, reportedFailed, null);
    }

    public static ExpectedEvents countOnly(long count, String reason) {
        return new ExpectedEvents(count, null, EventIds.none(), reason);
    }

    public boolean byIdentity() {
        return ids != null;
    }
}
