package dev.callq.bench.fault;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Redis's command counters over a measured phase that several servers served in turn. Each server counts from
 * its own start, so every change of server cuts the phase into segments, each one server's counts from the
 * start of its segment to its end, and the phase's calls are their sum. A fault that replaces the server reads
 * the outgoing server's counters in the instant before the kill (its writers paused, so nothing runs between
 * the read and the kill) and says where the incoming server's segment starts:
 * <ul>
 * <li>a restarted server starts from zero: replaying its append-only file counts nothing;</li>
 * <li>a promoted replica starts at its counters once its link to the killed primary is down: until then they
 * count what it replicated (RPUSH as RPUSH, LREM as LREM), and from then on only what it serves itself (as a
 * read-only replica it refuses writes, which Redis counts in {@code rejected_calls}, not {@code calls}).</li>
 * </ul>
 */
public final class CountersAcrossServers {
    /** Where each replacement's outgoing server's segment ended. */
    private final List<Map<String, Long>> segmentEnds = new ArrayList<>();
    /** Where each replacement's incoming server's segment started. */
    private final List<Map<String, Long>> segmentStarts = new ArrayList<>();
    private String unreadable;

    /**
     * The server was replaced.
     *
     * @param outgoingAtEnd   the calls per command of the server about to be killed
     * @param incomingAtStart the calls per command the next server had when its segment began (empty: from zero)
     */
    synchronized void replaced(Map<String, Long> outgoingAtEnd, Map<String, Long> incomingAtStart) {
        segmentEnds.add(Map.copyOf(outgoingAtEnd));
        segmentStarts.add(Map.copyOf(incomingAtStart));
    }

    /** The server was replaced but a segment's counters could not be read, and why; the first reason is kept. */
    synchronized void unreadable(String why) {
        if (unreadable == null) {
            unreadable = why;
        }
    }

    /**
     * The calls per command over the phase, or why they are unknown.
     *
     * @param before        the counters of the phase's first server at its start
     * @param after         the counters of its last server at its end
     * @param serverChanged whether the last server is another than the first (its run id differs)
     */
    public synchronized PhaseCalls overThePhase(Map<String, Long> before, Map<String, Long> after, boolean serverChanged) {
        if (unreadable != null) {
            return PhaseCalls.unknown("Redis was replaced during the measured phase and " + unreadable
                    + ": its command statistics were not checked");
        }
        if (serverChanged && segmentEnds.isEmpty()) {
            return PhaseCalls.unknown("Redis was replaced during the measured phase, not by a fault of this run, "
                    + "so its counters were not read at the change: its command statistics were not checked");
        }
        Map<String, Long> calls = new HashMap<>();
        Map<String, Long> start = before;
        for (int i = 0; i < segmentEnds.size(); i++) {
            addSegment(calls, start, segmentEnds.get(i));
            start = segmentStarts.get(i);
        }
        addSegment(calls, start, after);
        return new PhaseCalls(Map.copyOf(calls), null);
    }

    private static void addSegment(Map<String, Long> calls, Map<String, Long> start, Map<String, Long> end) {
        end.forEach((command, n) -> calls.merge(command, n - start.getOrDefault(command, 0L), Long::sum));
    }

    /**
     * Redis's calls per command over the measured phase, or, when null, why they are unknown.
     *
     * @param calls         e.g. rpush → 12000; a command never called may be missing
     * @param uncheckedWhy  the warning that says why the counters cannot be checked, or null
     */
    public record PhaseCalls(Map<String, Long> calls, String uncheckedWhy) {
        static PhaseCalls unknown(String why) {
            return new PhaseCalls(null, why);
        }

        public long of(String command) {
            return calls.getOrDefault(command, 0L);
        }
    }
}
