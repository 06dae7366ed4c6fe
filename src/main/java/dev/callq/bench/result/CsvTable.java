package dev.callq.bench.result;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.callq.bench.HarnessException;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CSV files of a results folder that hold a row per client, cell or fault ({@code summary.csv},
 * {@code sweep.csv}, {@code <client>-faults.csv}), written and read by column name with Jackson's CSV module:
 * a header row, then one row per record. A value is its {@code toString()} and null is an empty field; a field
 * is quoted only when it holds a comma, a quote, a carriage return or a line feed (RFC 4180), one rule for
 * every such file. A row naming a column the header lacks is refused, so a writer cannot shift the columns
 * after it.
 */
public final class CsvTable {
    private static final CsvMapper MAPPER = CsvMapper.builder()
            // Quote only where RFC 4180 needs it, not every text with a space, so the files read as they always did.
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .build();

    private CsvTable() {
    }

    /** The text of a table: the header of {@code columns}, then each row's values under their column names. */
    public static String render(List<String> columns, List<? extends Map<String, ?>> rows) {
        CsvSchema schema = schema(columns);
        StringWriter out = new StringWriter();
        try {
            MAPPER.writer(schema).writeValue(out, rows.stream().map(row -> texts(schema, row)).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Writes {@link #render} to {@code file}, UTF-8. */
    public static void write(Path file, List<String> columns, List<? extends Map<String, ?>> rows) throws IOException {
        Files.writeString(file, render(columns, rows), StandardCharsets.UTF_8);
    }

    /** Every row of {@code file}, each value under its header's column name; an empty field reads as "". */
    public static List<Map<String, String>> read(Path file) {
        try (MappingIterator<Map<String, String>> rows = MAPPER.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(file.toFile())) {
            return rows.readAll();
        } catch (IOException e) {
            throw new HarnessException("cannot read " + file + ": " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    /**
     * A table written as a run goes: the header when it opens, then each row flushed whole as it is appended,
     * so that a run stopped half-way leaves every row it had.
     */
    public static final class Appender implements AutoCloseable {
        private final CsvSchema schema;
        private final SequenceWriter rows;

        public Appender(Path file, List<String> columns) throws IOException {
            this.schema = schema(columns);
            // As an array, Jackson writes the header at once, not with the first row.
            this.rows = MAPPER.writer(schema).writeValuesAsArray(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
            rows.flush();
        }

        public synchronized void append(Map<String, ?> row) throws IOException {
            rows.write(texts(schema, row));
            rows.flush();
        }

        @Override
        public synchronized void close() throws IOException {
            rows.close();
        }
    }

    private static CsvSchema schema(List<String> columns) {
        return CsvSchema.builder().addColumns(columns, CsvSchema.ColumnType.STRING).build().withHeader();
    }

    private static Map<String, String> texts(CsvSchema schema, Map<String, ?> row) {
        Map<String, String> texts = new LinkedHashMap<>();
        row.forEach((column, value) -> {
            if (schema.column(column) == null) {
                throw new IllegalArgumentException("no column " + column + " among " + schema.getColumnDesc());
            }
            texts.put(column, value == null ? "" : value.toString());
        });
        return texts;
    }
}
