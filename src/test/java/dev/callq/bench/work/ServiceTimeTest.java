package dev.callq.bench.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ServiceTimeTest {

    private static final int SAMPLES = 100_000;

    @Test
    void parsesEveryForm() {
        assertThat(ServiceTime.parse("none")).isEqualTo(new ServiceTime.None());
        assertThat(ServiceTime.parse("0")).isEqualTo(new ServiceTime.None());
        assertThat(ServiceTime.parse("fixed:3ms")).isEqualTo(new ServiceTime.Fixed(3_000_000));
        assertThat(ServiceTime.parse("exp:250us")).isEqualTo(new ServiceTime.Exponential(250_000));
        assertThat(ServiceTime.parse("lognormal:3ms,1.5")).isEqualTo(new ServiceTime.LogNormal(3_000_000, 1.5));
        assertThat(ServiceTime.parse("fixed:1s")).isEqualTo(new ServiceTime.Fixed(1_000_000_000));
        assertThat(ServiceTime.parse("fixed:0.5us")).isEqualTo(new ServiceTime.Fixed(500));
        assertThat(ServiceTime.parse(" EXP:2.1ms ")).isEqualTo(new ServiceTime.Exponential(2_100_000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "fixed:3ms", "fixed:2100us", "exp:0.5us", "exp:2s", "lognormal:3ms,1.5",
            "lognormal:250us,0.75"})
    void specReadsBackToTheSameServiceTime(String spec) {
        ServiceTime parsed = ServiceTime.parse(spec);

        assertThat(parsed.spec()).isEqualTo(spec);
        assertThat(ServiceTime.parse(parsed.spec())).isEqualTo(parsed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"foo:3", "fixed:3", "fixed:", "fixed", "exp:-3ms", "exp:3 ms", "exp:3h",
            "lognormal:3ms", "lognormal:3ms,", "lognormal:3ms,-1", "lognormal:3,1.5", "", "1ms"})
    void rejectsMalformedSpecsWithTheAcceptedForms(String spec) {
        assertThatThrownBy(() -> ServiceTime.parse(spec))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("service time '" + spec + "' is not one of "
                        + "fixed:<t>, exp:<t>, lognormal:<t>,<sigma>, none")
                .hasMessageNotContaining("\n");
    }

    @Test
    void unknownKindGivesExactlyTheListOfForms() {
        assertThatThrownBy(() -> ServiceTime.parse("foo:3"))
                .hasMessage("service time 'foo:3' is not one of fixed:<t>, exp:<t>, lognormal:<t>,<sigma>, none");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "none              | 0",
            "fixed:3ms         | 0",
            "exp:3ms           | 1",
            "lognormal:3ms,1.5 | 8.487735836358526", // e^(1.5²) − 1
    })
    void squaredCoefficientOfVariationOfEachForm(String spec, double expected) {
        assertThat(ServiceTime.parse(spec).squaredCoefficientOfVariation()).isCloseTo(expected, within(1e-12));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fixed:3ms", "exp:3ms", "lognormal:3ms,1.0", "lognormal:3ms,1.5"})
    void sampleMeanIsTheSpecifiedMean(String spec) {
        ServiceTime serviceTime = ServiceTime.parse(spec);
        SplittableRandom random = new SplittableRandom(20_240_601L);

        double sumNanos = 0;
        for (int i = 0; i < SAMPLES; i++) {
            long nanos = serviceTime.sampleNanos(random);
            assertThat(nanos).isNotNegative();
            sumNanos += nanos;
        }

        assertThat(serviceTime.meanMicros()).isEqualTo(3_000.0);
        assertThat(sumNanos / SAMPLES / 1e3).isCloseTo(3_000.0, withinPercentage(3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"exp:3ms", "lognormal:3ms,0.5"})
    void sampleVariabilityIsTheStatedCoefficientOfVariation(String spec) {
        ServiceTime serviceTime = ServiceTime.parse(spec);
        SplittableRandom random = new SplittableRandom(7L);

        double sum = 0;
        double sumOfSquares = 0;
        for (int i = 0; i < SAMPLES; i++) {
            double micros = serviceTime.sampleNanos(random) / 1e3;
            sum += micros;
            sumOfSquares += micros * micros;
        }
        double mean = sum / SAMPLES;
        double variance = sumOfSquares / SAMPLES - mean * mean;

        assertThat(variance / (mean * mean))
                .isCloseTo(serviceTime.squaredCoefficientOfVariation(), withinPercentage(5));
    }

    @Test
    void noneNeverWorks() {
        SplittableRandom random = new SplittableRandom(1L);

        assertThat(ServiceTime.parse("none").sampleNanos(random)).isZero();
        assertThat(ServiceTime.parse("none").meanMicros()).isZero();
    }
}
