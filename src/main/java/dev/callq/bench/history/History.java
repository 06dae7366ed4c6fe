package dev.callq.bench.history;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.callq.bench.HarnessException;
import dev.callq.bench.compare.CellKey;
import dev.callq.bench.result.SummaryJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A folder of history files, one per cell ({@code jedis-synthetic-blpop-w4-1500.jsonl}), each a JSON line per
 * run in the order the runs were added: appending never rewrites what is there, so a history kept in git grows
 * by one line per cell and commit, and two histories merge by concatenation. The format is read here and only
 * here; docs/ci-gate.md documents it.
 */
public final class History {
    static final String EXTENSION = ".jsonl";
    private static final ObjectWriter LINE_WRITER = SummaryJson.mapper().writer()
            .without(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectReader LINE_READER = SummaryJson.mapper().readerFor(HistoryEntry.class);

    private History() {
    }

    /** Appends each entry to its cell's file under {@code dir}, creating the folder and files as needed. */
    public static void append(Path dir, List<HistoryEntry> entries) {
        try {
            Files.createDirectories(dir);
            for (HistoryEntry entry : entries) {
                Path file = dir.resolve(fileName(entry.cell()));
                Files.writeString(file, LINE_WRITER.writeValueAsString(entry) + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            throw new HarnessException("cannot append to the history " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Every cell's runs, in the order they were added. A line that is not a history entry of this schema, or
     * lacks the commit, time, cell or metrics, is refused in one line naming the file and line.
     */
    public static Map<CellKey, List<HistoryEntry>> load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new HarnessException("history folder " + dir + " does not exist");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(EXTENSION)).sorted().toList();
        } catch (IOException e) {
            throw new HarnessException("cannot read " + dir + ": " + e.getMessage(), e);
        }
        Map<CellKey, List<HistoryEntry>> cells = new LinkedHashMap<>();
        for (Path file : files) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new HarnessException("cannot read " + file + ": " + e.getMessage(), e);
            }
            for (int i = 0; i < lines.size(); i++) {
                if (!lines.get(i).isBlank()) {
                    HistoryEntry entry = parse(lines.get(i), file + ":" + (i + 1));
                    cells.computeIfAbsent(entry.cell(), k -> new ArrayList<>()).add(entry);
                }
            }
        }
        if (cells.isEmpty()) {
            throw new HarnessException("no history line under " + dir + " (files *" + EXTENSION + ")");
        }
        return cells;
    }

    private static HistoryEntry parse(String line, String where) {
        HistoryEntry entry;
        try {
            entry = LINE_READER.readValue(line);
        } catch (IOException e) {
            throw new HarnessException(where + ": not a history line: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (entry.schema() != HistoryEntry.SCHEMA) {
            throw new HarnessException(where + ": history schema " + entry.schema() + "; this callq reads schema "
                    + HistoryEntry.SCHEMA);
        }
        String missing = entry.commit() == null ? "commit" : entry.time() == null ? "time"
                : entry.cell() == null || entry.cell().client() == null ? "cell"
                : entry.metrics() == null ? "metrics" : null;
        if (missing != null) {
            throw new HarnessException(where + ": the history line has no " + missing);
        }
        return entry;
    }

    /** The cell's file name: its key in lower case, with anything but letters, digits, dots and dashes as dashes. */
    static String fileName(CellKey cell) {
        String name = String.join("-", cell.client(), cell.load(), cell.pattern(), "w" + cell.workers(), cell.rate(),
                cell.payload());
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]+", "-") + EXTENSION;
    }
}
