package dev.callq.bench.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WorkTest {

    private static final long TWO_MILLIS_NANOS = 2_000_000L;

    @Test
    void modeIsSpinOrSleep() {
        assertThat(Work.Mode.parse("spin")).isEqualTo(Work.Mode.SPIN);
        assertThat(Work.Mode.parse(" SLEEP ")).isEqualTo(Work.Mode.SLEEP);
        assertThatThrownBy(() -> Work.Mode.parse("yield"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("work mode 'yield' is not one of spin, sleep");
    }

    @ParameterizedTest
    @EnumSource(Work.Mode.class)
    void eachModeTakesAtLeastTheSampledTime(Work.Mode mode) {
        Work work = new Work(ServiceTime.parse("fixed:2ms"), mode, new SplittableRandom(1L));

        long start = System.nanoTime();
        long sampled = work.perform();
        long elapsed = System.nanoTime() - start;

        assertThat(sampled).isEqualTo(TWO_MILLIS_NANOS);
        assertThat(elapsed).isGreaterThanOrEqualTo(TWO_MILLIS_NANOS);
    }

    @Test
    void performReturnsTheSampleDrawnFromTheGenerator() {
        ServiceTime exponential = ServiceTime.parse("exp:100us");
        Work work = new Work(exponential, Work.Mode.SPIN, new SplittableRandom(42L));
        SplittableRandom sameSeed = new SplittableRandom(42L);

        for (int i = 0; i < 5; i++) {
            assertThat(work.perform()).isEqualTo(exponential.sampleNanos(sameSeed));
        }
    }

    @Test
    void interruptedSleepReturnsPromptlyAndKeepsTheInterrupt() {
        Thread.currentThread().interrupt();
        try {
            long start = System.nanoTime();
            Work.sleepNanos(10_000_000_000L);
            long elapsed = System.nanoTime() - start;

            assertThat(elapsed).isLessThan(1_000_000_000L);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void noWorkReturnsAtOnce() {
        Work work = new Work(ServiceTime.parse("none"), Work.Mode.SLEEP, new SplittableRandom(1L));

        assertThat(work.perform()).isZero();
    }
}
