package dev.callq.bench.plan;

import dev.callq.bench.HarnessException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * plan.json reads back into {@link PlanFile}: {@code saved/plan-schema2-b9a0563/} as a validated Jedis plan wrote
 * it at that commit (3,000 events/s, p99=20ms, on a busy machine, so the model and the runs disagree), and
 * golden/plan's schema 1 file, from before the worker interval and the agreement were recorded.
 */
class PlanJsonTest {
    private static final Path SAVED = Path.of("src/test/resources/saved/plan-schema2-b9a0563");

    @TempDir
    Path dir;

    @Test
    void theSavedPlanOfThisSchemaHoldsWhatTheReportReads() {
        PlanFile plan = PlanJson.read(SAVED);

        assertThat(plan.schema()).isEqualTo(PlanJson.SCHEMA);
        assertThat(plan.slo().label()).isEqualTo("p99");
        assertThat(plan.slo().waitTargetMicros()).isEqualTo(20_000.0);
        assertThat(plan.load()).isEqualTo("synthetic");
        assertThat(plan.provenance()).isNotNull();
        PlanFile.Client jedis = plan.clients().get(0);
        assertThat(jedis.client()).isEqualTo("jedis");
        assertThat(jedis.workerInterval().text()).isEqualTo("5 workers; 5 at 90 %");
        assertThat(jedis.workerInterval().sloChance()).hasSize(3);
        assertThat(jedis.erlangC().oneFewer().stable()).isFalse();
        assertThat(jedis.usl().sigma()).isZero();
        assertThat(jedis.usl().amdahlLimit()).as("σ = 0: no Amdahl limit").isNull();
        assertThat(jedis.validationSummary()).hasSize(3);
        assertThat(jedis.agreement().agree()).isFalse();
        assertThat(jedis.agreement().measuredWorkers()).isNull();
        assertThat(jedis.validation().get(0).predictedP99Micros()).as("4 workers: c ≤ A, unstable").isNull();
        assertThat(jedis.evidence()).isNotEmpty().allSatisfy(run -> assertThat(run.throughputPerSec()).isPositive());
    }

    @Test
    void aSchemaOnePlanReadsWithoutWhatItDidNotRecord() {
        PlanFile plan = PlanJson.read(Path.of("src/test/resources/golden/plan"));

        assertThat(plan.schema()).isEqualTo(1);
        assertThat(plan.provenance()).isNull();
        PlanFile.Client jedis = plan.clients().get(0);
        assertThat(jedis.recommendedWorkers()).isEqualTo(7);
        assertThat(jedis.workerInterval()).isNull();
        assertThat(jedis.agreement()).isNull();
        assertThat(jedis.validationSummary()).isEmpty();
        assertThat(jedis.validation()).isNotEmpty();
        assertThat(jedis.erlangC().oneFewer().stable()).isTrue();
    }

    @Test
    void aSchemaThisCallqDoesNotKnowIsRefusedInOneLine() throws IOException {
        Files.writeString(dir.resolve(PlanJson.FILE_NAME), Files.readString(SAVED.resolve(PlanJson.FILE_NAME))
                .replaceFirst("\"schema\" : 2", "\"schema\" : 3"));

        assertThatThrownBy(() -> PlanJson.read(dir)).isInstanceOf(HarnessException.class)
                .hasMessageContaining("has schema 3; this callq reads schemas 1 to 2");
    }

    @Test
    void aFolderWithoutAPlanSaysSo() {
        assertThatThrownBy(() -> PlanJson.read(dir)).isInstanceOf(HarnessException.class)
                .hasMessage("no plan.json in " + dir);
    }
}
