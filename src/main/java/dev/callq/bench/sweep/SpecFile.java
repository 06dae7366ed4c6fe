package dev.callq.bench.sweep;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.callq.bench.HarnessException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A sweep or suite file: read from disk, then parsed as YAML, each failure in one line. */
public final class SpecFile {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private SpecFile() {
    }

    /** The file's text; {@code kind} ("sweep file", "suite file") names it in the error. */
    public static String text(Path file, String kind) {
        if (!Files.isRegularFile(file)) {
            throw new HarnessException("no " + kind + " " + file);
        }
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new HarnessException("cannot read " + kind + " " + file + ": " + e.getMessage());
        }
    }

    /** The YAML's tree (null for an empty text); invalid YAML is refused with its line. */
    public static JsonNode tree(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (JacksonException e) {
            String reason = e.getOriginalMessage().lines().findFirst().orElse("unreadable");
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new IllegalArgumentException("not valid YAML (line " + line + "): " + reason);
        }
    }
}
