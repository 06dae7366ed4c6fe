package dev.callq.bench.sweep;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GuaranteeRowTest {

    @Test
    void onlyCellsWithFaultsMakeRowsAndABrokenPromiseOrAFailedCellIsMarked() {
        CellResult noFault = cell("blpop", null, null, null, null, null);
        CellResult kept = cell("reliable", List.of("redis-restart@3s"), null, 2.0, 12_340L, true);
        CellResult broken = cell("stream", List.of("redis-pause:3s@3s"), null, null, null, false);
        CellResult failed = cell("blpop", List.of("consumer-crash:1@3s"), "redis-server did not start", null, null, null);

        List<GuaranteeRow> rows = GuaranteeRow.of(List.of(noFault, kept, broken, failed));

        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).isEqualTo(new GuaranteeRow("jedis", "reliable", "redis-restart@3s", "0", "1", "2.0",
                "12.34", rows.get(0).promise(), "yes", false));
        assertThat(rows.get(0).promise()).contains("at-least-once");
        assertThat(rows.get(1).recovery()).isEqualTo("not within the run");
        assertThat(rows.get(1).kept()).isEqualTo("NO");
        assertThat(rows.get(1).broken()).isTrue();
        assertThat(rows.get(2).lost()).isEqualTo("-");
        assertThat(rows.get(2).kept()).isEqualTo("FAILED: redis-server did not start");
        assertThat(rows.get(2).broken()).isTrue();
    }

    private static CellResult cell(String pattern, List<String> faults, String error, Double recoverySeconds,
                                   Long faultMaxP99Micros, Boolean promiseKept) {
        return new CellResult(1, "cell", "jedis", pattern, 4, "500", "500", "fixed:2ms", 1, "01-cell", 0,
                error == null, error, 500.0, 100L, 200L, 300L, 400L, 500L, 500.0, 10L, 4000L, 0L, 1L, 0L, 10L,
                faults, recoverySeconds, faultMaxP99Micros, promiseKept, null, null, null, null, null, null, null, null, null);
    }
}
