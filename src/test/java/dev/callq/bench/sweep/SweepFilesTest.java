package dev.callq.bench.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callq.bench.HarnessException;
import dev.callq.bench.result.CsvTable;
import dev.callq.bench.result.Thresholds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * sweep.json reads back into the record that wrote it and sweep.csv keeps its columns and values:
 * {@code saved/sweep-schema1-b9a0563/} holds both files as a four-cell sweep (two clients, a Redis pause) wrote
 * them at that commit, before CSV went through {@code CsvTable}.
 */
class SweepFilesTest {
    private static final Path SAVED = Path.of("src/test/resources/saved/sweep-schema1-b9a0563");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aSavedSweepIsWrittenBackAsItWasBothItsJsonAndItsCsv() throws IOException {
        SweepFiles.SweepReport report = SweepFiles.read(SAVED);

        SweepFiles.write(report, dir);

        assertThat(JSON.readTree(dir.resolve(SweepFiles.JSON).toFile()))
                .isEqualTo(JSON.readTree(SAVED.resolve(SweepFiles.JSON).toFile()));
        assertThat(Files.readString(dir.resolve(SweepFiles.CSV))).isEqualTo(Files.readString(SAVED.resolve(SweepFiles.CSV)));
    }

    @Test
    void theSavedSweepHoldsWhatTheReportsRead() {
        SweepFiles.SweepReport report = SweepFiles.read(SAVED);

        assertThat(report.schema()).isEqualTo(SweepFiles.SCHEMA);
        assertThat(report.spec().name()).isEqualTo("saved-fixture");
        assertThat(report.spec().axes().clients()).containsExactly("jedis", "lettuce");
        assertThat(report.provenance()).isNotNull();
        assertThat(report.cells()).hasSize(4);
        CellResult paused = report.cells().get(2);
        assertThat(paused.faults()).containsExactly("redis-pause:1s@1s");
        assertThat(paused.promiseKept()).isNotNull();
        assertThat(paused.throughputPerSec()).isPositive();
        assertThat(paused.enqueueToDequeueP99Micros()).isPositive();
    }

    @Test
    void anOlderSweepWithoutFaultsOrProvenanceStillReads() {
        SweepFiles.SweepReport report = SweepFiles.read(Path.of("src/test/resources/golden/sweep-workers"));

        assertThat(report.spec().axes().faults()).containsExactly(List.of());
        assertThat(report.provenance()).isNull();
        assertThat(report.cells()).hasSize(6);
    }

    @Test
    void aFailedCellsErrorWithCommasQuotesAndLineBreaksReadsBackFromTheCsv() throws IOException {
        SweepFiles.SweepReport saved = SweepFiles.read(SAVED);
        SweepCell cell = new SweepCell(1, "jedis", "blpop", 2, "400", "fixed:1ms", 1);
        String error = "cannot start redis-server, \"port in use\"\r\nsecond line";
        CellResult failed = CellResult.failed(cell, "cells/x", error);

        SweepFiles.write(new SweepFiles.SweepReport(saved.schema(), saved.startedAt(), saved.elapsedSeconds(),
                saved.spec(), List.of(failed), saved.provenance()), dir);

        List<Map<String, String>> rows = CsvTable.read(dir.resolve(SweepFiles.CSV));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsEntry("error", error).containsEntry("exitCode", "-1")
                .containsEntry("throughputPerSec", "").containsEntry("folder", "cells/x");
        assertThat(SweepFiles.read(dir).cells()).containsExactly(failed);
    }

    @Test
    void theSweepsThresholdsAreWrittenAndReadBack() throws IOException {
        SweepFiles.SweepReport saved = SweepFiles.read(SAVED);
        SweepSpec spec = saved.spec();
        Thresholds thresholds = Thresholds.parse("p99<500ms,lost==0");
        SweepSpec withThresholds = new SweepSpec(spec.name(), spec.description(), spec.phases(), spec.load(),
                spec.options(), spec.axes(), thresholds);

        SweepFiles.write(new SweepFiles.SweepReport(saved.schema(), saved.startedAt(), saved.elapsedSeconds(),
                withThresholds, saved.cells(), saved.provenance()), dir);

        assertThat(SweepFiles.read(dir).spec().thresholds()).isEqualTo(thresholds);
    }

    @Test
    void anotherSchemaIsRefusedInOneLine() throws IOException {
        Files.writeString(dir.resolve(SweepFiles.JSON), Files.readString(SAVED.resolve(SweepFiles.JSON))
                .replaceFirst("\"schema\" : 1", "\"schema\" : 7"));

        assertThatThrownBy(() -> SweepFiles.read(dir)).isInstanceOf(HarnessException.class)
                .hasMessageContaining("has schema 7; this callq reads schema 1");
    }
}
