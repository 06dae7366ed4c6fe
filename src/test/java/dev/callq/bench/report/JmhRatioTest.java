package dev.callq.bench.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A ratio of two JMH scores is printed only where their confidence intervals say they differ. */
class JmhRatioTest {
    @Test
    void overlappingConfidenceIntervalsGiveNoRatio() {
        // The default run of issue 12: jedis 189 ± 254 µs/op, lettuce 213 ± 1,166 µs/op.
        assertThat(JmhClients.ratio(213.0, 1166, 189.0, 254)).isEqualTo(JmhClients.OVERLAP);
    }

    @Test
    void separateConfidenceIntervalsGiveTheRatio() {
        assertThat(JmhClients.ratio(60.0, 3, 30.0, 2)).isEqualTo("2.00");
    }

    /** One measurement iteration has no error bars; the report says so, and the ratio stays. */
    @Test
    void withoutErrorBarsTheRatioIsShown() {
        assertThat(JmhClients.ratio(797.8, Double.NaN, 26.8, Double.NaN)).isEqualTo("29.77");
    }
}
