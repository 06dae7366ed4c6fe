package dev.callq.bench.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.callq.bench.HarnessException;
import dev.callq.bench.run.RunSummary;

import java.io.IOException;
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

    /** Reads a summary written by {@link #write}; a missing or unreadable file is a one-line error. */
    public static RunSummary read(Path file) {
        try {
            return MAPPER.readValue(file.toFile(), RunSummary.class);
        } catch (IOException e) {
            throw new HarnessException("cannot read " + file + ": " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
