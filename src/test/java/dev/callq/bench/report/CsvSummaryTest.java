package dev.callq.bench.report;

import dev.callq.bench.result.SummaryJson;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * summary.csv keeps its columns, their order and every value: {@code saved/csv-b9a0563/} holds the files that
 * commit's hand-written CSV wrote from these results folders, before CSV went through {@code CsvTable}.
 */
class CsvSummaryTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"golden/sip-both", "golden/synthetic-lettuce", "saved/run-schema1-79d2764"})
    void summaryCsvIsWrittenAsTheSavedOneWas(String folder) throws IOException {
        Path results = Path.of("src/test/resources", folder);
        Path saved = Path.of("src/test/resources/saved/csv-b9a0563", results.getFileName() + "-summary.csv");

        assertThat(CsvSummary.render(SummaryJson.read(results))).isEqualTo(Files.readString(saved));
    }
}
