package dev.callq.bench.measure;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PercentileTest {
    private final LatencySummary summary = new LatencySummary(10, 50, 90, 99, 999, 9999, 10_000, 60.0, 0);

    @Test
    void eachLabelReadsItsOwnField() {
        assertThat(Percentile.byLabel("p50").orElseThrow().micros(summary)).isEqualTo(50);
        assertThat(Percentile.byLabel("p90").orElseThrow().micros(summary)).isEqualTo(90);
        assertThat(Percentile.byLabel("p99").orElseThrow().micros(summary)).isEqualTo(99);
        assertThat(Percentile.byLabel("p99.9").orElseThrow().micros(summary)).isEqualTo(999);
        assertThat(Percentile.byLabel("p99.99").orElseThrow().micros(summary)).isEqualTo(9999);
    }

    @Test
    void theDotlessFormNamesTheSamePercentileAndOthersAreAbsent() {
        assertThat(Percentile.byLabel("p999")).contains(Percentile.P99_9);
        assertThat(Percentile.byLabel("P9999")).contains(Percentile.P99_99);
        assertThat(Percentile.byLabel("p95")).isEmpty();
        assertThat(Percentile.byLabel("max")).isEmpty();
        assertThat(Percentile.labels()).isEqualTo("p50, p90, p99, p99.9, p99.99");
    }
}
