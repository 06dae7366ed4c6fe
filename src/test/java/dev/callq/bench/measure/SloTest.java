package dev.callq.bench.measure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SloTest {

    @ParameterizedTest
    @CsvSource({
            "p99=20ms, p99, 0.99, 20000",
            "p99.9=50ms, p99.9, 0.999, 50000",
            "p50=500us, p50, 0.5, 500",
            "p99=1s, p99, 0.99, 1000000",
            "p99=2.5ms, p99, 0.99, 2500",
            "' P99=20MS ', p99, 0.99, 20000",
    })
    void readsPercentileAndTargetWithUnits(String text, String label, double percentile, double targetMicros) {
        Slo slo = Slo.parse(text);

        assertThat(slo.label()).isEqualTo(label);
        assertThat(slo.percentile()).isCloseTo(percentile, within(1e-12));
        assertThat(slo.waitTargetMicros()).isCloseTo(targetMicros, within(1e-9));
    }

    @Test
    void printsInCanonicalForm() {
        assertThat(Slo.parse("p99=20ms")).hasToString("p99=20ms");
        assertThat(Slo.parse("p99.9=1500us")).hasToString("p99.9=1500us");
        assertThat(Slo.parse("p99=2s")).hasToString("p99=2s");
    }

    @ParameterizedTest
    @ValueSource(strings = {"p99", "p99=20", "20ms", "p99<20ms", "q99=20ms", "p99=20min", "p99=-1ms", "p99=ms",
            "p100=20ms", "p0=20ms", "p1000=20ms", "p9=", "p99=0ms", "p99=20ms,p50=1ms", ""})
    void rejectsAnythingElseWithOneLine(String text) {
        assertThatThrownBy(() -> Slo.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--slo")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @ParameterizedTest
    @CsvSource({
            "p999=50ms, p99.9, 0.999",
            "p99.9=50ms, p99.9, 0.999",
            "p9999=50ms, p99.99, 0.9999",
            "p99.99=50ms, p99.99, 0.9999",
            "p99.90=50ms, p99.9, 0.999",
            "p995=50ms, p99.5, 0.995",
    })
    void readsTheTailPercentilesWithOrWithoutTheDotAsOneObjective(String text, String label, double percentile) {
        Slo slo = Slo.parse(text);

        assertThat(slo.label()).isEqualTo(label);
        assertThat(slo.percentile()).isCloseTo(percentile, within(1e-12));
        assertThat(slo).hasToString(label + "=50ms");
    }

    @Test
    void theDotlessFormAndTheDottedFormAreEqual() {
        assertThat(Slo.parse("p999=50ms")).isEqualTo(Slo.parse("p99.9=50ms"));
        assertThat(Slo.parse("P9999=1.5s")).isEqualTo(Slo.parse("p99.99=1500ms"));
    }

    @Test
    void readsItsPercentileFromARunSummaryWhenTheSummaryHoldsIt() {
        LatencySummary summary = new LatencySummary(1000, 50, 90, 99, 999, 9999, 20_000, 70.0, 0);

        assertThat(Slo.parse("p50=1ms").measuredMicros(summary)).isEqualTo(50);
        assertThat(Slo.parse("p90=1ms").measuredMicros(summary)).isEqualTo(90);
        assertThat(Slo.parse("p99=1ms").measuredMicros(summary)).isEqualTo(99);
        assertThat(Slo.parse("p999=1ms").measuredMicros(summary)).isEqualTo(999);
        assertThat(Slo.parse("p99.9=1ms").measuredMicros(summary)).isEqualTo(999);
        assertThat(Slo.parse("p99.99=1ms").measuredMicros(summary)).isEqualTo(9999);
        assertThat(Slo.parse("p95=1ms").inLatencySummary()).isFalse();
        assertThat(Slo.parse("p9999=1ms").inLatencySummary()).isTrue();
    }

    @Test
    void missingObjectiveSaysWhatToWrite() {
        assertThatThrownBy(() -> Slo.parse(null)).hasMessageContaining("p99=20ms");
    }
}
