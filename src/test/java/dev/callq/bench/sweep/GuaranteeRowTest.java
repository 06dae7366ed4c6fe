package dev.callq.bench.sweep;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GuaranteeRowTest {

    @Test
    void onlyCellsWithFaultsMakeRowsAndABrokenPromiseOrAFailedCellIsMarked() {
        CellResult noFault = cell("blpop", null, null, null, null, null);
        CellResult kept = cell("reliable", List.of("redis-restart@3s"), null, 2.0, 12_340L, true,
                "yes: events left, rpush calls, lrem calls");
        CellResult disagreed = cell("blpop", List.of("redis-pause:3s@3s"), null, 1.0, 3_000_000L, true,
                "NO: rpush calls 2499 vs 2500");
        CellResult broken = cell("stream", List.of("redis-pause:3s@3s"), null, null, null, false);
        CellResult failed = cell("blpop", List.of("consumer-crash:1@3s"), "redis-server did not start", null, null, null);

        List<GuaranteeRow> rows = GuaranteeRow.of(List.of(noFault, kept, broken, failed, disagreed));

        assertThat(rows).hasSize(4);
        assertThat(rows.get(0)).isEqualTo(new GuaranteeRow("jedis", "reliable", "redis-restart@3s", "0", "1", "2.0",
                "12.34", rows.get(0).promise(), "yes", false, "yes: events left, rpush calls, lrem calls"));
        assertThat(rows.get(0).promise()).contains("at-least-once");
        assertThat(rows.get(1).recovery()).isEqualTo("not within the run");
        assertThat(rows.get(1).kept()).isEqualTo("NO");
        assertThat(rows.get(1).broken()).isTrue();
        assertThat(rows.get(2).lost()).isEqualTo("-");
        assertThat(rows.get(2).kept()).isEqualTo("FAILED: redis-server did not start");
        assertThat(rows.get(2).broken()).isTrue();
        assertThat(rows.get(2).crossChecks()).isEqualTo("-");
        assertThat(rows.get(3).kept()).as("the promise held, but the counters disagree").isEqualTo("yes");
        assertThat(rows.get(3).broken()).isTrue();
    }

    @Test
    void aCheckIsNamedByWhatItCounts() {
        assertThat(new dev.callq.bench.measure.CrossCheck("rpush calls = acknowledged push commands", 1, 1, true)
                .subject()).isEqualTo("rpush calls");
        assertThat(new dev.callq.bench.measure.CrossCheck("events left: LLEN/XPENDING/lag = payloads read back", 1, 1,
                true).subject()).isEqualTo("events left");
        assertThat(new dev.callq.bench.measure.CrossCheck(
                "Kamailio pushed INVITEs <= SIPp INVITEs sent + retransmissions - reported push failures", 1, 1, true).subject())
                .isEqualTo("Kamailio pushed INVITEs");
    }

    private static CellResult cell(String pattern, List<String> faults, String error, Double recoverySeconds,
                                   Long faultMaxP99Micros, Boolean promiseKept) {
        return cell(pattern, faults, error, recoverySeconds, faultMaxP99Micros, promiseKept, null);
    }

    private static CellResult cell(String pattern, List<String> faults, String error, Double recoverySeconds,
                                   Long faultMaxP99Micros, Boolean promiseKept, String crossChecks) {
        return new CellResult(1, "cell", "jedis", pattern, 4, "500", "500", "fixed:2ms", 1, "01-cell", 0,
                error == null, error, 500.0, 100L, 200L, 300L, 400L, 500L, 500.0, 10L, 4000L, 0L, 1L, 0L, 10L,
                faults, recoverySeconds, faultMaxP99Micros, promiseKept, null, null, null, null, null, null, null, null, null,
                crossChecks, null);
    }
}
