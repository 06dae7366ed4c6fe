package dev.callq.bench.result;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** summary.csv and sweep.csv are written and read by column name, with one quoting rule. */
class CsvTableTest {
    private static final List<String> COLUMNS = List.of("name", "error", "throughputPerSec", "trustworthy");

    @TempDir
    Path dir;

    @Test
    void aFieldIsQuotedOnlyWhenItHoldsACommaAQuoteOrALineBreak() {
        String csv = CsvTable.render(COLUMNS, List.of(
                row("plain text", "a, b", 694.1351286226461, true),
                row("x", "said \"no\"", null, false),
                row("cr", "line\rbreak", 1.0, false),
                row("lf", "line\nbreak", 2.5, true)));

        assertThat(csv).isEqualTo("""
                name,error,throughputPerSec,trustworthy
                plain text,"a, b",694.1351286226461,true
                x,"said ""no\"\"",,false
                cr,"line\rbreak",1.0,false
                lf,"line
                break",2.5,true
                """);
    }

    @Test
    void whatIsWrittenReadsBackUnderItsColumnNames() throws IOException {
        Path file = dir.resolve("t.csv");
        CsvTable.write(file, COLUMNS, List.of(row("a", "x,\"y\"\r\nz", null, true)));

        List<Map<String, String>> rows = CsvTable.read(file);

        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsExactly(entry("name", "a"), entry("error", "x,\"y\"\r\nz"),
                entry("throughputPerSec", ""), entry("trustworthy", "true"));
    }

    @Test
    void aColumnMissingFromARowIsEmptyAndAColumnTheHeaderLacksIsRefused() {
        assertThat(CsvTable.render(COLUMNS, List.of(Map.of("trustworthy", true))))
                .isEqualTo("name,error,throughputPerSec,trustworthy\n,,,true\n");
        assertThatThrownBy(() -> CsvTable.render(COLUMNS, List.of(Map.of("throughput", 1.0))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no column throughput");
    }

    @Test
    void aTableWithoutRowsStillNamesItsColumns() throws IOException {
        Path file = dir.resolve("empty.csv");
        CsvTable.write(file, COLUMNS, List.of());

        assertThat(Files.readString(file)).isEqualTo("name,error,throughputPerSec,trustworthy\n");
        assertThat(CsvTable.read(file)).isEmpty();
    }

    @Test
    void anAppendedTableHasItsHeaderAtOnceAndEachRowWholeAsItIsAppended() throws IOException {
        Path file = dir.resolve("faults.csv");
        try (CsvTable.Appender appender = new CsvTable.Appender(file, COLUMNS)) {
            assertThat(Files.readString(file)).isEqualTo("name,error,throughputPerSec,trustworthy\n");

            appender.append(row("redis-pause:1s@1s", "said \"no\", twice", null, false));

            assertThat(Files.readString(file)).isEqualTo("name,error,throughputPerSec,trustworthy\n"
                    + "redis-pause:1s@1s,\"said \"\"no\"\", twice\",,false\n");
        }
        assertThat(CsvTable.read(file)).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("error", "said \"no\", twice"));
    }

    private static Map<String, Object> row(String name, String error, Object throughput, Object trustworthy) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", name);
        row.put("error", error);
        row.put("throughputPerSec", throughput);
        row.put("trustworthy", trustworthy);
        return row;
    }
}
