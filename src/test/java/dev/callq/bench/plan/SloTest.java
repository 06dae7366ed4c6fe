package dev.callq.bench.plan;

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
            "p100=20ms", "p0=20ms", "p99=0ms", "p99=20ms,p50=1ms", ""})
    void rejectsAnythingElseWithOneLine(String text) {
        assertThatThrownBy(() -> Slo.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--slo")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void missingObjectiveSaysWhatToWrite() {
        assertThatThrownBy(() -> Slo.parse(null)).hasMessageContaining("p99=20ms");
    }
}
