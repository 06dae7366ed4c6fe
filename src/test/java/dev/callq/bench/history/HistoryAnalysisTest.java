package dev.callq.bench.history;

import dev.callq.bench.compare.CellKey;
import dev.callq.bench.compare.MachineRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Change points over a history of synthetic runs: which commit, which way, and when the gate fails. */
class HistoryAnalysisTest {
    static final CellKey CELL = new CellKey("jedis", "synthetic", "blpop", 4, "1500/s", "json");
    private static final MachineRecord MACHINE = new MachineRecord(2, "test CPU", "Linux", "17");

    @Test
    void namesTheCommitWhereTheConsumerGotSlowerAsAWorseningOfEachLatency() {
        HistoryAnalysis analysis = analyse(step(new Random(1), 12, 8, 1.20));
        List<HistoryAnalysis.Finding> findings = analysis.findings();
        assertThat(findings).isNotEmpty().allSatisfy(f -> {
            assertThat(f.commit()).isEqualTo("c13");
            assertThat(f.regression()).isTrue();
            assertThat(f.point().change()).isBetween(0.15, 0.25);
            assertThat(f.point().changeLow()).isLessThan(f.point().change());
            assertThat(f.point().p()).isLessThanOrEqualTo(HistoryAnalysis.DEFAULT_MAX_P);
        });
        assertThat(findings).extracting(f -> f.series().metric())
                .contains(HistoryMetric.P50_ENQUEUE_TO_DONE, HistoryMetric.P99_ENQUEUE_TO_DONE)
                .doesNotContain(HistoryMetric.THROUGHPUT);
    }

    @Test
    void aThroughputThatFallsIsWorseAndOneThatRisesBetter() {
        List<HistoryEntry> runs = step(new Random(2), 10, 10, 1.0);
        List<HistoryEntry> falling = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            falling.add(withValue(runs.get(i), HistoryMetric.THROUGHPUT, i < 10 ? 1500 + i % 3 : 1200 + i % 3));
        }
        List<HistoryAnalysis.Finding> findings = analyse(falling).findings();
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.series().metric()).isEqualTo(HistoryMetric.THROUGHPUT);
            assertThat(f.regression()).isTrue();
            assertThat(f.worseBy()).isCloseTo(0.2, org.assertj.core.api.Assertions.within(0.01));
        });
    }

    @Test
    void namesHardlyAnythingOnFlatHistories() {
        // 50 histories of 4 latency series each: EDivisive's measured rate (0.15 % of series) makes about one
        int withFindings = 0;
        for (long seed = 0; seed < 50; seed++) {
            withFindings += analyse(step(new Random(seed), 20, 0, 1.0)).findings().isEmpty() ? 0 : 1;
        }
        assertThat(withFindings).as("flat histories with a change point, of 50").isLessThanOrEqualTo(2);
    }

    @Test
    void theGateFailsOnceOnThePushThatMakesTheStepCertainAndNamesTheStepsCommit() {
        List<HistoryEntry> runs = step(new Random(3), 12, 8, 1.20);
        List<Integer> failedPushes = new ArrayList<>();
        for (int n = 1; n <= runs.size(); n++) {
            HistoryAnalysis analysis = analyse(runs.subList(0, n));
            List<HistoryAnalysis.Finding> regressions = analysis.newRegressions(runs.get(n - 1).commit());
            if (!regressions.isEmpty()) {
                failedPushes.add(n);
                assertThat(regressions).extracting(HistoryAnalysis.Finding::commit).containsOnly("c13");
            }
        }
        assertThat(failedPushes).containsExactly(12 + EDivisive.MIN_POINTS_A_SIDE);
    }

    @Test
    void anUntrustworthyRunIsNoEvidence() {
        List<HistoryEntry> runs = new ArrayList<>(step(new Random(4), 20, 0, 1.0));
        for (int i = 10; i < 14; i++) {
            HistoryEntry run = withValue(runs.get(i), HistoryMetric.P50_ENQUEUE_TO_DONE, 5000);
            runs.set(i, new HistoryEntry(run.schema(), run.commit(), run.time(), run.machine(), run.cell(),
                    run.serviceTime(), run.repeats(), run.metrics(), run.events(), "lost 3"));
        }
        HistoryAnalysis analysis = analyse(runs);
        assertThat(analysis.findings()).isEmpty();
        assertThat(analysis.series()).allSatisfy(s -> assertThat(s.values()).hasSize(16));
    }

    @Test
    void aCellNotRunThisTimeIsNotJudgedAgain() {
        List<HistoryEntry> runs = step(new Random(5), 12, EDivisive.MIN_POINTS_A_SIDE, 1.30);
        HistoryAnalysis analysis = analyse(runs);
        assertThat(analysis.newRegressions("c" + runs.size())).isNotEmpty();
        assertThat(analysis.newRegressions("another commit")).isEmpty();
    }

    static HistoryAnalysis analyse(List<HistoryEntry> runs) {
        return HistoryAnalysis.of(Map.of(CELL, runs), HistoryAnalysis.DEFAULT_MAX_P, HistoryAnalysis.DEFAULT_MIN_CHANGE);
    }

    /**
     * {@code before} runs then {@code after} runs whose latencies are {@code factor} times longer, commits c1, c2, …;
     * each latency with a 3 % relative noise, the throughput steady.
     */
    static List<HistoryEntry> step(Random random, int before, int after, double factor) {
        List<HistoryEntry> runs = new ArrayList<>();
        for (int i = 0; i < before + after; i++) {
            double scale = i < before ? 1 : factor;
            Map<String, Double> metrics = Map.of(
                    HistoryMetric.P50_ENQUEUE_TO_DEQUEUE.key(), 250 * scale * noise(random),
                    HistoryMetric.P99_ENQUEUE_TO_DEQUEUE.key(), 4000 * scale * noise(random),
                    HistoryMetric.P50_ENQUEUE_TO_DONE.key(), 1400 * scale * noise(random),
                    HistoryMetric.P99_ENQUEUE_TO_DONE.key(), 6000 * scale * noise(random),
                    HistoryMetric.THROUGHPUT.key(), 1500.0 + i % 2);
            runs.add(new HistoryEntry(HistoryEntry.SCHEMA, "c" + (i + 1), "2026-12-07T09:" + (10 + i) + ":00Z", MACHINE,
                    CELL, i < before ? "exp:1ms" : "exp:1.2ms", 1, metrics, null, null));
        }
        return runs;
    }

    private static double noise(Random random) {
        return 1 + 0.03 * random.nextGaussian();
    }

    private static HistoryEntry withValue(HistoryEntry run, HistoryMetric metric, double value) {
        Map<String, Double> metrics = new java.util.HashMap<>(run.metrics());
        metrics.put(metric.key(), value);
        return new HistoryEntry(run.schema(), run.commit(), run.time(), run.machine(), run.cell(), run.serviceTime(),
                run.repeats(), metrics, run.events(), run.untrustworthy());
    }
}
