package dev.callq.bench.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Redis's command counters over a measured phase that restarts of the server cut in pieces: a killed
 * server's counters die with it and the restarted one counts from zero (replaying its append-only file
 * counts nothing), so each restart reads them in the instant before the kill, writers paused.
 */
final class CountersAcrossRestarts {
    private final List<Map<String, Long>> atKills = new ArrayList<>();
    private boolean incomplete;

    /** The calls per command of a server about to be killed; null when they could not be read. */
    synchronized void killed(Map<String, Long> callsAtKill) {
        if (callsAtKill == null) {
            incomplete = true;
        } else {
            atKills.add(Map.copyOf(callsAtKill));
        }
    }

    /**
     * The calls per command over the whole phase: the first server's from {@code before} to its kill, every
     * later server's up to its own, the last one's {@code after}; empty when no restart was read (the server
     * changed some other way, e.g. a failover) or one could not be.
     */
    synchronized Optional<Map<String, Long>> overThePhase(Map<String, Long> before, Map<String, Long> after) {
        if (atKills.isEmpty() || incomplete) {
            return Optional.empty();
        }
        Map<String, Long> calls = new HashMap<>();
        atKills.get(0).forEach((command, n) -> calls.merge(command, n - before.getOrDefault(command, 0L), Long::sum));
        atKills.subList(1, atKills.size()).forEach(kill -> kill.forEach((command, n) -> calls.merge(command, n, Long::sum)));
        after.forEach((command, n) -> calls.merge(command, n, Long::sum));
        return Optional.of(calls);
    }
}
