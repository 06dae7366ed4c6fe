package dev.callq.bench.report;

import dev.callq.bench.HarnessException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the text files a report consists of (HTML, Markdown, CSV), in UTF-8; a failure is one line. */
final class TextFiles {
    private TextFiles() {
    }

    static void write(Path file, String content) {
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new HarnessException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
