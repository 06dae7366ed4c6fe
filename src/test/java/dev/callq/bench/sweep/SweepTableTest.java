package dev.callq.bench.sweep;

import dev.callq.bench.result.SustainedLoad;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The sweep table a suite's summary.md carries: a cell that did not sustain its load is named, not only marked. */
class SweepTableTest {
    private static final SweepAxes AXES = new SweepAxes(List.of("jedis"), List.of("blpop"), List.of(1, 8),
            List.of("5000"), List.of("none"), 1);

    @Test
    void aCellThatDidNotSustainItsLoadIsNamedUnderTheTable() {
        String table = SweepTable.render(AXES, List.of(cell(1, "01-w1", 3, SustainedLoad.NOT_SUSTAINED),
                cell(8, "02-w8", 0, "sustained")));

        assertThat(table).contains("NOT SUSTAINED (*): 01-w1\n").doesNotContain("02-w8");
        assertThat(table.lines().filter(line -> line.strip().startsWith("1 ")).findFirst().orElseThrow()).contains("*");
        assertThat(table.lines().filter(line -> line.strip().startsWith("8 ")).findFirst().orElseThrow()).doesNotContain("*");
    }

    @Test
    void aTableOfSustainedCellsNamesNone() {
        assertThat(SweepTable.render(AXES, List.of(cell(8, "02-w8", 0, "sustained")))).doesNotContain("SUSTAINED");
    }

    private static CellResult cell(int workers, String name, int exitCode, String sustained) {
        return new CellResult(1, name, "jedis", "blpop", workers, "5000", "5000", "none", 1, "cells/" + name, exitCode,
                exitCode == 0, null, 900.0, 100L, 200L, 300L, 400L, 500L, 5000.0, 10L, 50_000L, 0L, 0L, 0L, 10L,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, sustained);
    }
}
