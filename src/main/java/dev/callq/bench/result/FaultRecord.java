package dev.callq.bench.result;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One fault of a run as {@code summary.json} records it. Documented in results/README.md.
 *
 * @param spec             the fault as {@code --fault} spelled it
 * @param startedAtMicros  wall clock when it was done (µs since the epoch)
 * @param endedAtMicros    wall clock when it was undone, or when it was over (a restart: Redis answering again)
 * @param note             what it found (e.g. the events a killed Redis held), or null
 * @param error            why it could not be done, or null
 * @param recoverySeconds  from its end until the backlog was back to its steady level and consumption had
 *                         resumed ({@link Recovery}); null when that never happened within the run
 * @param maxP99DuringMicros the worst per-second p99 enqueue→dequeue from its start until it had recovered
 *                         (or the run ended)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FaultRecord(String spec, long startedAtMicros, long endedAtMicros, String note, String error,
                          Double recoverySeconds, Long maxP99DuringMicros) {

    /** What tables show when a fault's recovery was not seen: the run ended first, which is not "never". */
    public static final String NOT_RECOVERED = "not within the run";

    /** {@code recoverySeconds} as tables show it: "0.7", or {@link #NOT_RECOVERED}. */
    public static String recoveryText(Double recoverySeconds) {
        return recoverySeconds == null ? NOT_RECOVERED : String.format(java.util.Locale.ROOT, "%.1f", recoverySeconds);
    }

    public FaultRecord withRecovery(Double recoverySeconds, Long maxP99DuringMicros) {
        return new FaultRecord(spec, startedAtMicros, endedAtMicros, note, error, recoverySeconds, maxP99DuringMicros);
    }
}
