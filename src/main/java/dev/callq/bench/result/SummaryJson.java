package dev.callq.bench.result;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.callq.bench.HarnessException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes and reads {@code summary.json}. */
public final class SummaryJson {
    public static final String FILE_NAME = "summary.json";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private SummaryJson() {
    }

    public static Path write(RunSummary summary, Path outDir) {
        Path file = outDir.resolve(FILE_NAME);
        try {
            MAPPER.writeValue(file.toFile(), summary);
            return file;
        } catch (IOException e) {
            throw new HarnessException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads {@code summary.json} back; fields a later version adds are ignored, a different schema is refused. */
    public static RunSummary read(Path outDir) {
        Path file = outDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new HarnessException("no " + FILE_NAME + " in " + outDir);
        }
        RunSummary summary;
        try {
            summary = MAPPER.readerFor(RunSummary.class)
                    .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(file.toFile());
        } catch (IOException e) {
            throw new HarnessException("cannot read " + file + ": " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (summary.schema() != RunSummary.SCHEMA) {
            throw new HarnessException(file + " has schema " + summary.schema() + "; this callq reads schema "
                    + RunSummary.SCHEMA);
        }
        return summary;
    }

    /**
     * Reads {@code dir/fileName}, a results file this mapper wrote (plan.json, max-rate.json, sweep.json), into
     * the record that wrote it; a missing or unreadable file is one line. The caller checks its schema.
     */
    public static <T> T read(Path dir, String fileName, Class<T> type) {
        Path file = dir.resolve(fileName);
        if (!Files.isRegularFile(file)) {
            throw new HarnessException("no " + fileName + " in " + dir);
        }
        try {
            return MAPPER.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new HarnessException("cannot read " + file + ": " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
