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

    @Test
    void theMicroSignIsAnotherSpellingOfUs() {
        assertThat(DurationText.parseNanos("500µs")).isEqualTo(500_000);
        assertThat(DurationText.parseNanos("500μs")).isEqualTo(500_000);
        assertThat(DurationText.parseMicros("0.5ms")).isEqualTo(500.0);
    }

    @Test
    void aBareNumberIsSecondsOnlyWhereAFaultTakesIt() {
        assertThat(DurationText.parseNanosBareSeconds("5")).isEqualTo(5_000_000_000L);
        assertThat(DurationText.parseNanosBareSeconds("1.5")).isEqualTo(1_500_000_000L);
        assertThat(DurationText.parseNanosBareSeconds("250ms")).isEqualTo(250_000_000L);
        assertThatThrownBy(() -> DurationText.parseNanosBareSeconds("5min")).hasMessageContaining("is not");
    }
}
