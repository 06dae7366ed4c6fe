package dev.callq.bench.plan;

import dev.callq.bench.measure.Slo;
import dev.callq.bench.queueing.HoldingTime;
import dev.callq.bench.queueing.PoolEstimate;
import dev.callq.bench.queueing.UslFit;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The planning arithmetic from canned measurements. Hand-computed values (Erlang B recursion, then
 * C = c·B/(c − A(1 − B)), t_p = f·S·ln(C/(1 − p))/(c − A)): λ = 5,000/s and S = 2.1 ms give
 * A = 10.5 Erlangs; c = 13 has C = 0.36885 and p99 wait 3.031 ms; c = 12 has C = 0.56390 and 5.645 ms.
 */
class CapacityPlannerTest {
    private static final double SERVICE_MICROS = 2_100;
    private static final double PER_WORKER = 1e6 / SERVICE_MICROS;
    private static final Slo P99_5MS = Slo.parse("p99=5ms");
    private static final double NO_CEILING = 1e9;

    /** X(N) exactly on the law: σ = 0.02, κ = 0.0005, λ = 1/S; N* = 44.27, peak 7,467 events/s. */
    private static List<UslFit.Point> saturated(double sigma, double kappa) {
        return IntStream.of(1, 2, 4, 8, 16, 32)
                .mapToObj(n -> new UslFit.Point(n, UslFit.throughput(sigma, kappa, PER_WORKER, n)))
                .toList();
    }

    @Test
    void holdingTimeIsWorkersOverThroughputAtTheSmallestPool() {
        assertThat(CapacityPlanner.holdingMicrosFromSaturatedRuns(saturated(0.02, 0.0005)))
                .isCloseTo(SERVICE_MICROS, within(1e-6));
    }

    @Test
    void holdingTimeSplitsIntoWorkAndPopRoundTripAndCarriesTheWorkVariance() {
        HoldingTime holding = HoldingTime.of(2_500, 2_300, 2_000);

        assertThat(holding.popRoundTripMicros()).isCloseTo(200, within(1e-9));
        assertThat(holding.squaredCoefficientOfVariation()).isCloseTo(0.64, within(1e-12));
    }

    @Test
    void exponentialWorkGivesTheErlangCRecommendation() {
        ClientPlan plan = CapacityPlanner.plan("jedis", 5_000, P99_5MS, saturated(0.02, 0.0005),
                HoldingTime.of(SERVICE_MICROS, SERVICE_MICROS, SERVICE_MICROS), NO_CEILING);

        assertThat(plan.recommendedWorkers()).isEqualTo(13);
        PoolEstimate.Stable recommended = plan.sizing().recommended();
        assertThat(recommended.offeredLoadErlangs()).isCloseTo(10.5, within(1e-9));
        assertThat(recommended.utilisation()).isCloseTo(10.5 / 13, within(1e-9));
        assertThat(recommended.probabilityOfWaiting()).isCloseTo(0.36885, within(5e-5));
        assertThat(recommended.percentileWaitMicros()).isCloseTo(3_030.5, within(1.0));
        assertThat(plan.sizing().oneFewer()).get().isInstanceOfSatisfying(PoolEstimate.Stable.class, fewer -> {
            assertThat(fewer.probabilityOfWaiting()).isCloseTo(0.56390, within(5e-5));
            assertThat(fewer.percentileWaitMicros()).isCloseTo(5_645.2, within(1.0));
        });
        assertThat(plan.feasible()).isTrue();
        assertThat(plan.limits()).isEmpty();
    }

    @Test
    void lessVariableWorkNeedsFewerWorkersThroughAllenCunneen() {
        // Cs² = 0.5: f = 0.75; c = 12 gives 0.75 · 5,645 = 4,234 µs ≤ 5 ms, c = 11 gives 13,930 µs.
        double stddev = SERVICE_MICROS * Math.sqrt(0.5);
        ClientPlan plan = CapacityPlanner.plan("lettuce", 5_000, P99_5MS, saturated(0.02, 0.0005),
                HoldingTime.of(SERVICE_MICROS, SERVICE_MICROS - 100, stddev), NO_CEILING);

        assertThat(plan.model().correctionFactor()).isCloseTo(0.75, within(1e-12));
        assertThat(plan.recommendedWorkers()).isEqualTo(12);
        assertThat(plan.sizing().recommended().percentileWaitMicros()).isCloseTo(4_233.9, within(1.0));
        assertThat(((PoolEstimate.Stable) plan.sizing().oneFewer().orElseThrow()).percentileWaitMicros())
                .isCloseTo(13_930.4, within(1.0));
    }

    @Test
    void uslParametersComeBackFromTheSaturatedThroughputs() {
        ClientPlan plan = CapacityPlanner.plan("jedis", 5_000, P99_5MS, saturated(0.02, 0.0005),
                HoldingTime.of(SERVICE_MICROS, SERVICE_MICROS, SERVICE_MICROS), NO_CEILING);

        UslFit usl = plan.usl().orElseThrow();
        assertThat(usl.sigma()).isCloseTo(0.02, within(1e-6));
        assertThat(usl.kappa()).isCloseTo(0.0005, within(1e-8));
        assertThat(usl.lambda()).isCloseTo(PER_WORKER, within(1e-3));
        assertThat(usl.peakWorkers().getAsDouble()).isCloseTo(44.27, within(0.01));
        assertThat(usl.peakThroughput().getAsDouble()).isCloseTo(7_467.1, within(0.5));
    }

    @Test
    void poolBeyondTheUslPeakCannotBeMetByAddingWorkers() {
        // σ = 0.1, κ = 0.01: N* = √(0.9/0.01) = 9.5, below the 13 workers Erlang C asks for.
        ClientPlan plan = CapacityPlanner.plan("jedis", 5_000, P99_5MS, saturated(0.1, 0.01),
                HoldingTime.of(SERVICE_MICROS, SERVICE_MICROS, SERVICE_MICROS), NO_CEILING);

        assertThat(plan.recommendedWorkers()).isEqualTo(13);
        assertThat(plan.feasible()).isFalse();
        assertThat(plan.limits()).singleElement().asString().contains("beyond the USL peak N* = 9.5");
    }

    @Test
    void rateAboveTheRedisCeilingCannotBeMetByAddingWorkers() {
        ClientPlan plan = CapacityPlanner.plan("jedis", 5_000, P99_5MS, saturated(0.02, 0.0005),
                HoldingTime.of(SERVICE_MICROS, SERVICE_MICROS, SERVICE_MICROS), 4_000);

        assertThat(plan.feasible()).isFalse();
        assertThat(plan.limits()).singleElement().asString()
                .contains("single Redis thread's ceiling of 4000 events/s");
        ClientPlan feasible = CapacityPlanner.plan("lettuce", 5_000, P99_5MS, saturated(0.02, 0.0005),
                HoldingTime.of(SERVICE_MICROS, SERVICE_MICROS, SERVICE_MICROS), NO_CEILING);
        assertThat(ClientPlan.notAPlan(List.of(feasible))).isEmpty();
        assertThat(ClientPlan.notAPlan(List.of(feasible, plan))).hasValueSatisfying(line -> assertThat(line)
                .startsWith("no pool meets the objective at 5000.0 events/s").contains("jedis: ")
                .doesNotContain("lettuce").doesNotContain("\n"));
    }

    @Test
    void fewerThanThreeWorkerCountsPlanWithoutAUslFit() {
        List<UslFit.Point> two = saturated(0.02, 0.0005).subList(0, 2);

        ClientPlan plan = CapacityPlanner.plan("jedis", 5_000, P99_5MS, two,
                HoldingTime.of(SERVICE_MICROS, SERVICE_MICROS, SERVICE_MICROS), NO_CEILING);

        assertThat(plan.usl()).isEmpty();
        assertThat(plan.recommendedWorkers()).isEqualTo(13);
    }
}
