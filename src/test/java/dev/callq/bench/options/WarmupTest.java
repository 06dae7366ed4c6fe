package dev.callq.bench.options;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The warm-up goes on while the JIT compiles, within its bounds. */
class WarmupTest {
    private static final Warmup TWO_TO_TEN = new Warmup(Duration.ofSeconds(2), Duration.ofSeconds(10));

    @Test
    void aQuietMinimumEndsTheWarmup() {
        assertThat(TWO_TO_TEN.another(Duration.ofSeconds(2), 1, 1)).isFalse();
    }

    @Test
    void aBusyJitNeedsTwoQuietSecondsInARow() {
        assertThat(TWO_TO_TEN.another(Duration.ofSeconds(2), 1, 0)).isTrue();
        assertThat(TWO_TO_TEN.another(Duration.ofSeconds(3), 2, 1)).isTrue();
        assertThat(TWO_TO_TEN.another(Duration.ofSeconds(4), 3, 0)).isTrue();
        assertThat(TWO_TO_TEN.another(Duration.ofSeconds(5), 4, 1)).isTrue();
        assertThat(TWO_TO_TEN.another(Duration.ofSeconds(6), 5, 2)).isFalse();
    }

    @Test
    void theMaximumBoundsTheWarmupEvenWhileTheJitIsBusy() {
        assertThat(TWO_TO_TEN.another(Duration.ofMillis(9_000), 8, 0)).isTrue();
        assertThat(TWO_TO_TEN.another(Duration.ofMillis(9_001), 8, 0)).isFalse();
    }

    @Test
    void noWarmupIsNeverExtended() {
        assertThat(new Warmup(Duration.ZERO, Duration.ofSeconds(10)).another(Duration.ZERO, 1, 0)).isFalse();
    }

    @Test
    void compilingForMoreThanATenthOfASliceIsBusy() {
        assertThat(Warmup.jitBusy(Duration.ofSeconds(1), Duration.ofMillis(101))).isTrue();
        assertThat(Warmup.jitBusy(Duration.ofSeconds(1), Duration.ofMillis(100))).isFalse();
    }

    @Test
    void aMaximumBelowTheMinimumIsTheMinimumAndANegativeMinimumIsRefused() {
        assertThat(new Warmup(Duration.ofSeconds(5), Duration.ofSeconds(1)).maximum()).isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> new Warmup(Duration.ofSeconds(-1), Duration.ofSeconds(1)))
                .hasMessage("--warmup must not be negative");
    }
}
