package dev.callq.bench.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.callq.bench.HarnessException;
import dev.callq.bench.env.RedisEndpoint;
import dev.callq.bench.env.Provenance;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes a sweep's {@code sweep.json} (the spec and one entry per cell) and {@code sweep.csv} (the same
 * entries, one row per cell, columns named as the JSON fields). Both are rewritten after every cell, so
 * an interrupted sweep keeps what it measured.
 */
public final class SweepFiles {
    public static final String JSON = "sweep.json";
    public static final String CSV = "sweep.csv";
    public static final int SCHEMA = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SweepFiles() {
    }

    /** The contents of {@code sweep.json}. */
    public record SweepReport(int schema, String startedAt, double elapsedSeconds, SweepSpec spec,
                              List<CellResult> cells, Provenance provenance) {
    }

    public static void write(SweepReport report, Path dir) {
        try {
            MAPPER.writeValue(dir.resolve(JSON).toFile(), withoutSecrets(report));
            writeCsv(report.cells(), dir.resolve(CSV));
        } catch (IOException e) {
            throw new HarnessException("cannot write the sweep results in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The report with the password of every Redis URL among the spec's options masked. */
    private static SweepReport withoutSecrets(SweepReport report) {
        SweepSpec spec = report.spec();
        Map<String, String> options = new LinkedHashMap<>();
        spec.options().forEach((option, value) -> options.put(option, RedisEndpoint.mask(value)));
        return new SweepReport(report.schema(), report.startedAt(), report.elapsedSeconds(),
                new SweepSpec(spec.name(), spec.description(), spec.phases(), spec.load(), options, spec.axes()),
                report.cells(), report.provenance());
    }

    private static void writeCsv(List<CellResult> cells, Path file) throws IOException {
        RecordComponent[] columns = CellResult.class.getRecordComponents();
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            out.println(Arrays.stream(columns).map(RecordComponent::getName).collect(Collectors.joining(",")));
            for (CellResult cell : cells) {
                out.println(Arrays.stream(columns).map(c -> csvField(value(c, cell))).collect(Collectors.joining(",")));
            }
        }
    }

    private static Object value(RecordComponent component, CellResult cell) {
        try {
            return component.getAccessor().invoke(cell);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component.getName(), e);
        }
    }

    private static String csvField(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        return text.matches("[^,\"\\r\\n]*") ? text : "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
