package dev.callq.bench.measure;

/**
 * One total of the accounting checked against a count kept by someone else (Redis's command statistics,
 * Kamailio's counters). A failed check makes the run untrustworthy: the two records of the same events
 * disagree.
 *
 * @param name     what is compared, e.g. "rpush calls = acknowledged push commands"
 * @param expected what the harness's own records say
 * @param observed what the other party counted
 * @param ok       whether they agree
 */
public record CrossCheck(String name, long expected, long observed, boolean ok) {
    public static CrossCheck equal(String name, long expected, long observed) {
        return new CrossCheck(name, expected, observed, expected == observed);
    }

    /**
     * Agrees when observed is expected plus at most {@code slack}: commands whose reply failed may or may
     * not have reached Redis.
     */
    public static CrossCheck atLeast(String name, long expected, long slack, long observed) {
        return new CrossCheck(name, expected, observed, observed >= expected && observed <= expected + slack);
    }

    /** What is counted, the name up to its comparison: "rpush calls", "events left". */
    public String subject() {
        int end = name.length();
        for (String mark : new String[] {":", " = ", " <= "}) {
            int at = name.indexOf(mark);
            if (at > 0) {
                end = Math.min(end, at);
            }
        }
        return name.substring(0, end);
    }

    /** Agrees when observed does not exceed expected: the other party may legitimately have done less. */
    public static CrossCheck atMost(String name, long expected, long observed) {
        return new CrossCheck(name, expected, observed, observed <= expected);
    }
}
