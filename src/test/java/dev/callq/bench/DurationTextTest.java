package dev.callq.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationTextTest {
    @Test
    void readsEachUnitToTheNanosecondAndWritesTheLargestExactUnit() {
        assertThat(DurationText.parseNanos("0.5ms")).isEqualTo(500_000);
        assertThat(DurationText.parseNanos("250us")).isEqualTo(250_000);
        assertThat(DurationText.parseNanos(" 3S ")).isEqualTo(3_000_000_000L);
        assertThat(DurationText.format(500_000)).isEqualTo("500us");
        assertThat(DurationText.format(2_000_000)).isEqualTo("2ms");
        assertThat(DurationText.format(3_000_000_000L)).isEqualTo("3s");
        assertThat(DurationText.parseNanos(DurationText.format(1_500))).isEqualTo(1_500);
    }

    @Test
    void aNumberWithoutAUnitOrTooLongIsRefused() {
        assertThatThrownBy(() -> DurationText.parseNanos("2")).hasMessage("'2' is not " + DurationText.FORM);
        assertThatThrownBy(() -> DurationText.parseNanos("-1ms")).hasMessageContaining("is not");
        assertThatThrownBy(() -> DurationText.parseNanos("99999999999999s")).hasMessageContaining("too long");
    }
}
