package dev.callq.bench.maxrate;

import dev.callq.bench.maxrate.MaxRateSearch.Result;
import dev.callq.bench.maxrate.MaxRateSearch.Step;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The max-rate search against fakes: an exact limit, a limit blurred by noise, and scripted failures. */
class MaxRateSearchTest {
    private static final MaxRateSearch.Settings SETTINGS = new MaxRateSearch.Settings(500, 2, 0.05, 2, 10, 1_000_000, 40);
    private static final long LIMIT = 3300;

    @Test
    void anExactLimitIsBracketedBisectedToFivePercentAndConfirmedTwice() {
        Result result = new MaxRateSearch(SETTINGS).run(rate -> rate <= LIMIT ? Probe.Verdict.pass()
                : Probe.Verdict.fail("backlog grew"));

        assertThat(result.converged()).isTrue();
        assertThat(result.maxRatePerSec()).isBetween(Math.round(LIMIT / 1.05), LIMIT);
        assertThat(result.steps()).extracting(Step::stage).containsSubsequence("grow", "bisect", "confirm");
        assertThat(result.steps()).filteredOn(s -> s.stage().equals("grow")).extracting(Step::ratePerSec)
                .containsExactly(500L, 1000L, 2000L, 4000L);
        assertLastStepsConfirm(result, 2);
        assertThat(result.steps()).filteredOn(s -> !s.passed()).allMatch(s -> s.reason().equals("backlog grew"));
        assertThat(result.limitedByMaxRate()).as("a failing probe bounded it, not the maximum").isFalse();
    }

    @Test
    void whenEveryRateUpToTheMaximumPassesTheAnswerSaysTheMaximumWasTheLimit() {
        MaxRateSearch.Settings capped = new MaxRateSearch.Settings(100, 2, 0.05, 2, 10, 3000, 40);

        Result result = new MaxRateSearch(capped).run(rate -> Probe.Verdict.pass());

        assertThat(result.converged()).isTrue();
        assertThat(result.maxRatePerSec()).isEqualTo(3000);
        assertThat(result.limitedByMaxRate()).isTrue();
        assertThat(result.steps()).extracting(Step::ratePerSec).containsExactly(100L, 200L, 400L, 800L, 1600L, 3000L,
                3000L, 3000L);
    }

    @Test
    void aStartRateThatFailsShrinksUntilOnePasses() {
        Result result = new MaxRateSearch(SETTINGS).run(rate -> rate <= 180 ? Probe.Verdict.pass() : Probe.Verdict.fail("p99"));

        assertThat(result.steps()).filteredOn(s -> s.stage().equals("shrink")).extracting(Step::ratePerSec)
                .containsExactly(250L, 125L);
        assertThat(result.maxRatePerSec()).isBetween(Math.round(180 / 1.05), 180L);
        assertLastStepsConfirm(result, 2);
    }

    @Test
    void aConfirmationThatFailsStepsDownAndConfirmsTheLowerRateThreeTimes() {
        Set<Long> passed = new HashSet<>();
        boolean[] failedOnce = {false};
        // An exact limit, except that the first probe repeating a passed rate fails: the found rate must not stand.
        Result result = new MaxRateSearch(SETTINGS).run(rate -> {
            if (!failedOnce[0] && passed.contains(rate)) {
                failedOnce[0] = true;
                return Probe.Verdict.fail("lag");
            }
            if (rate <= LIMIT) {
                passed.add(rate);
                return Probe.Verdict.pass();
            }
            return Probe.Verdict.fail("backlog grew");
        });

        Step failedConfirmation = result.steps().stream().filter(s -> s.stage().equals("confirm") && !s.passed())
                .findFirst().orElseThrow();
        assertThat(result.converged()).isTrue();
        assertThat(result.maxRatePerSec()).isLessThan(failedConfirmation.ratePerSec())
                .isEqualTo(Math.round(failedConfirmation.ratePerSec() * 0.95));
        assertLastStepsConfirm(result, 3);
    }

    @Test
    void aNoisyLimitConvergesAndEveryAnswerWasConfirmed() {
        int searchesThatSteppedDown = 0;
        for (int seed = 0; seed < 300; seed++) {
            Random random = new Random(seed);
            // Within ±10 % of the limit a verdict flips three times in ten; outside it the machine is clear.
            Result result = new MaxRateSearch(SETTINGS).run(rate -> {
                boolean sustained = rate <= LIMIT;
                boolean nearLimit = Math.abs(rate - LIMIT) <= 0.1 * LIMIT;
                boolean flipped = nearLimit && random.nextDouble() < 0.3;
                return sustained != flipped ? Probe.Verdict.pass() : Probe.Verdict.fail("noise");
            });

            assertThat(result.converged()).as("seed %d: %s", seed, result.outcome()).isTrue();
            assertThat(result.maxRatePerSec()).as("seed %d", seed).isBetween(Math.round(0.9 * LIMIT * 0.95),
                    Math.round(1.1 * LIMIT));
            assertThat(result.steps()).hasSizeLessThanOrEqualTo(SETTINGS.maxProbes());
            assertLastStepsConfirm(result, 2);
            if (result.steps().stream().anyMatch(s -> s.stage().equals("confirm") && !s.passed())) {
                searchesThatSteppedDown++;
            }
        }
        // The noise must have exercised the step-down path, or this test shows nothing about it.
        assertThat(searchesThatSteppedDown).isGreaterThan(30);
    }

    @Test
    void nothingPassingDownToTheMinimumIsAnAnswerOfZero() {
        Result result = new MaxRateSearch(SETTINGS).run(rate -> Probe.Verdict.fail("accounting"));

        assertThat(result.maxRatePerSec()).isZero();
        assertThat(result.outcome()).startsWith("no rate down to 10/s passed");
        assertThat(result.steps()).last().extracting(Step::ratePerSec).isEqualTo(10L);
    }

    @Test
    void aSearchThatRunsOutOfProbesSaysItDidNotConverge() {
        MaxRateSearch.Settings fewProbes = new MaxRateSearch.Settings(500, 2, 0.05, 2, 10, 1_000_000, 5);

        Result result = new MaxRateSearch(fewProbes).run(rate -> rate <= LIMIT ? Probe.Verdict.pass()
                : Probe.Verdict.fail("backlog grew"));

        assertThat(result.converged()).isFalse();
        assertThat(result.maxRatePerSec()).isZero();
        assertThat(result.steps()).hasSize(5);
        assertThat(result.outcome()).contains("not converged within 5 probes");
    }

    /** The answer's own probes close the search: the last {@code passes} steps are passes at that rate. */
    private static void assertLastStepsConfirm(Result result, int passes) {
        List<Step> steps = result.steps();
        assertThat(steps.subList(steps.size() - passes, steps.size()))
                .allMatch(s -> s.passed() && s.ratePerSec() == result.maxRatePerSec() && s.stage().equals("confirm"));
    }
}
