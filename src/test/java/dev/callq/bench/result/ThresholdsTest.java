package dev.callq.bench.result;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ThresholdsTest {
    @Test
    void aLatencyLimitTakesTheDurationGrammarAndIsKeptInMicroseconds() {
        assertThat(Thresholds.parse("p99<0.5ms").all().get(0).limit()).isEqualTo(500.0);
        assertThat(Thresholds.parse("p99<500µs").all().get(0).limit()).isEqualTo(500.0);
        assertThat(Thresholds.parse("p99.99<=2s").all().get(0).limit()).isEqualTo(2_000_000.0);
        assertThat(Thresholds.parse("p9999<=2s").all().get(0).metric()).isEqualTo("p9999");
    }

    @Test
    void aWrongUnitIsNamedInOneLine() {
        assertThatThrownBy(() -> Thresholds.parse("p99<20min")).hasMessageStartingWith("threshold 'p99<20min': '20min' is not")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> Thresholds.parse("lost==0ms")).hasMessage("threshold 'lost==0ms': lost takes no unit");
        assertThat(Thresholds.METRICS).startsWith(dev.callq.bench.measure.Percentile.labels() + ", max");
    }
}
