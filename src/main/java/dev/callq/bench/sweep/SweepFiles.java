package dev.callq.bench.sweep;

import dev.callq.bench.HarnessException;
import dev.callq.bench.env.RedisEndpoint;
import dev.callq.bench.env.Provenance;
import dev.callq.bench.result.CsvTable;
import dev.callq.bench.result.SummaryJson;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a sweep's {@code sweep.json} (the spec and one entry per cell) and {@code sweep.csv} (the same
 * entries, one row per cell, columns named as the JSON fields). Both are rewritten after every cell, so
 * an interrupted sweep keeps what it measured.
 */
public final class SweepFiles {
    public static final String JSON = "sweep.json";
    public static final String CSV = "sweep.csv";
    public static final int SCHEMA = 1;

    private SweepFiles() {
    }

    /** The contents of {@code sweep.json}. */
    public record SweepReport(int schema, String startedAt, double elapsedSeconds, SweepSpec spec,
                              List<CellResult> cells, Provenance provenance) {
    }

    public static void write(SweepReport report, Path dir) {
        try {
            SummaryJson.mapper().writeValue(dir.resolve(JSON).toFile(), withoutSecrets(report));
            writeCsv(report.cells(), dir.resolve(CSV));
        } catch (IOException e) {
            throw new HarnessException("cannot write the sweep results in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads {@code dir}/sweep.json back into the record that wrote it; fields a later version adds are ignored,
     * a different schema is refused. Sweeps written before a field was recorded (provenance, the faults axis,
     * thresholds) read it as absent.
     */
    public static SweepReport read(Path dir) {
        Path file = dir.resolve(JSON);
        SweepReport report = SummaryJson.read(dir, JSON, SweepReport.class);
        if (report.schema() != SCHEMA) {
            throw new HarnessException(file + " has schema " + report.schema() + "; this callq reads schema " + SCHEMA);
        }
        return report;
    }

    /** The report with the password of every Redis URL among the spec's options masked. */
    private static SweepReport withoutSecrets(SweepReport report) {
        SweepSpec spec = report.spec();
        Map<String, String> options = new LinkedHashMap<>();
        spec.options().forEach((option, value) -> options.put(option, RedisEndpoint.mask(value)));
        return new SweepReport(report.schema(), report.startedAt(), report.elapsedSeconds(),
                new SweepSpec(spec.name(), spec.description(), spec.phases(), spec.load(), options, spec.axes(),
                        spec.thresholds()),
                report.cells(), report.provenance());
    }

    /** One row per cell, a column per {@link CellResult} component under its name, as in sweep.json. */
    private static void writeCsv(List<CellResult> cells, Path file) throws IOException {
        List<RecordComponent> columns = List.of(CellResult.class.getRecordComponents());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (CellResult cell : cells) {
            Map<String, Object> row = new LinkedHashMap<>();
            columns.forEach(column -> row.put(column.getName(), value(column, cell)));
            rows.add(row);
        }
        CsvTable.write(file, columns.stream().map(RecordComponent::getName).toList(), rows);
    }

    private static Object value(RecordComponent component, CellResult cell) {
        try {
            return component.getAccessor().invoke(cell);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component.getName(), e);
        }
    }
}
