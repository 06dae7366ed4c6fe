package dev.callq.bench.plan;

import dev.callq.bench.measure.Slo;
import dev.callq.bench.queueing.HoldingTime;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalInt;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The worker count's interval from resampled measurements, checked against an Erlang C written here
 * from DESIGN.md's formulas (not the project's): A = λS; B₀ = 1, Bₖ = A·Bₖ₋₁/(k + A·Bₖ₋₁);
 * C = c·B/(c − A(1 − B)); t_p = f·S·ln(C/(1 − p))/(c − A) with Allen–Cunneen's f = (1 + Cs²)/2.
 */
class WorkerCountIntervalTest {
    private static final Slo P99_20MS = Slo.parse("p99=20ms");
    private static final double RATE = 5_000;

    /** 3,000 exponential work durations of mean 1 ms, and a 100 µs pop round trip in each of two repeats. */
    private static HoldingSamples exponentialWork(int events, double popRoundTripMicros) {
        Histogram work = new Histogram(3);
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < events; i++) {
            work.recordValue(Math.round(-1_000 * Math.log(1 - random.nextDouble())));
        }
        return HoldingSamples.of(work, List.of(popRoundTripMicros, popRoundTripMicros * 1.1));
    }

    @Test
    void intervalHoldsTheRecommendationAndAnIndependentErlangCAtTheEndsOfS() {
        HoldingSamples samples = exponentialWork(3_000, 100);
        int workers = independentSize(RATE, 1_100, 1.0, 0.99, 20_000);
        WorkerCountInterval interval = WorkerCountInterval.of(workers, RATE, P99_20MS, samples);

        assertThat(interval.low()).isLessThanOrEqualTo(workers);
        assertThat(interval.high()).isGreaterThanOrEqualTo(workers);
        // S's interval, sized again here by hand with the Cs² of its end: both sizes fall in the interval
        double low = interval.holdingMicros().low();
        double high = interval.holdingMicros().high();
        assertThat(low).isLessThan(high);
        assertThat(independentSize(RATE, low, 1_000.0 * 1_000 / (low * low), 0.99, 20_000)).isBetween(interval.low(), interval.high());
        assertThat(independentSize(RATE, high, 1_000.0 * 1_000 / (high * high), 0.99, 20_000)).isBetween(interval.low(), interval.high());
        assertThat(interval.headline()).startsWith(workers + " workers; ").endsWith(" at 90 %");
        assertThat(interval.resamples()).isEqualTo(1_000);
    }

    @Test
    void chanceRisesWithWorkersFromNoneToCertain() {
        WorkerCountInterval interval = WorkerCountInterval.of(7, RATE, P99_20MS, exponentialWork(3_000, 100));

        double previous = -1;
        for (WorkerCountInterval.Chance chance : interval.chances()) {
            assertThat(chance.probability()).isBetween(0.0, 1.0).isGreaterThanOrEqualTo(previous);
            previous = chance.probability();
        }
        assertThat(interval.chance(interval.low() - 1)).isLessThan(0.5);
        assertThat(interval.chance(interval.high() + 1)).isEqualTo(1.0);
        assertThat(interval.chance(1)).isZero();
        assertThat(interval.chance(500)).isEqualTo(1.0);
    }

    @Test
    void fewerWorkDurationsGiveAWiderHoldingTimeInterval() {
        WorkerCountInterval many = WorkerCountInterval.of(7, RATE, P99_20MS, exponentialWork(20_000, 100));
        WorkerCountInterval few = WorkerCountInterval.of(7, RATE, P99_20MS, exponentialWork(300, 100));

        double manyWidth = many.holdingMicros().high() - many.holdingMicros().low();
        double fewWidth = few.holdingMicros().high() - few.holdingMicros().low();
        assertThat(fewWidth).isGreaterThan(3 * manyWidth);
        assertThat(few.high() - few.low()).isGreaterThanOrEqualTo(many.high() - many.low());
    }

    @Test
    void resampledHoldingTimeCentresOnTheMeasuredOne() {
        HoldingSamples samples = exponentialWork(3_000, 100);
        WorkerCountInterval interval = WorkerCountInterval.of(7, RATE, P99_20MS, samples);
        Histogram work = new Histogram(3);
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 3_000; i++) {
            work.recordValue(Math.round(-1_000 * Math.log(1 - random.nextDouble())));
        }
        HoldingTime measured = HoldingTime.of(work.getMean() + 105, work.getMean(), work.getStdDeviation());

        assertThat(interval.holdingMicros().contains(measured.meanMicros())).isTrue();
        assertThat((interval.holdingMicros().low() + interval.holdingMicros().high()) / 2)
                .isCloseTo(measured.meanMicros(), within(0.05 * measured.meanMicros()));
    }

    @Test
    void agreementNamesThePoolWhereEveryRepeatMet() {
        List<ValidationSummary> agree = List.of(summary(6, 1), summary(7, 3), summary(8, 3));
        List<ValidationSummary> pessimistic = List.of(summary(6, 3), summary(7, 3), summary(8, 3));
        List<ValidationSummary> optimistic = List.of(summary(6, 0), summary(7, 2), summary(8, 3));
        List<ValidationSummary> none = List.of(summary(6, 0), summary(7, 1), summary(8, 2));

        Agreement same = Agreement.of(7, agree, "p99=20ms");
        assertThat(same.agree()).isTrue();
        assertThat(same.measuredWorkers()).isEqualTo(OptionalInt.of(7));
        assertThat(same.text()).isEqualTo("measurement and model agree on 7 workers: every repeat met p99=20ms there "
                + "and above, 1 of 3 at 6");
        assertThat(Agreement.of(7, pessimistic, "p99=20ms").measuredWorkers()).isEqualTo(OptionalInt.of(6));
        assertThat(Agreement.of(7, pessimistic, "p99=20ms").text()).contains("DISAGREE").contains("pessimistic");
        assertThat(Agreement.of(7, optimistic, "p99=20ms").measuredWorkers()).isEqualTo(OptionalInt.of(8));
        assertThat(Agreement.of(7, optimistic, "p99=20ms").text())
                .contains("DISAGREE: at the model's 7 workers 2 of 3 repeats met p99=20ms; measurement says 8 workers");
        assertThat(Agreement.of(7, none, "p99=20ms").measuredWorkers()).isEmpty();
        assertThat(Agreement.of(7, none, "p99=20ms").agree()).isFalse();
    }

    private static ValidationSummary summary(int workers, int met) {
        return new ValidationSummary(workers, 3, met, 1_000, 30_000, 1_000, 30_000, true, 0.5);
    }

    /** The smallest c with c &gt; A whose p-quantile wait is within the target, from the formulas alone. */
    static int independentSize(double ratePerSec, double holdingMicros, double scv, double p, double targetMicros) {
        double load = ratePerSec * holdingMicros / 1e6;
        double factor = (1 + scv) / 2;
        double blocking = 1;
        for (int c = 1; ; c++) {
            blocking = load * blocking / (c + load * blocking);
            if (c <= load) {
                continue;
            }
            double waiting = c * blocking / (c - load * (1 - blocking));
            double wait = waiting > 1 - p ? factor * holdingMicros * Math.log(waiting / (1 - p)) / (c - load) : 0;
            if (wait <= targetMicros) {
                return c;
            }
        }
    }
}
