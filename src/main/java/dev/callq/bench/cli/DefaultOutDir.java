package dev.callq.bench.cli;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** Where a command writes when no {@code --out} is given: {@code results/<name>-<local time>}. */
final class DefaultOutDir {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private DefaultOutDir() {
    }

    static Path timestamped(String name) {
        return Path.of("results", name + "-" + LocalDateTime.now().format(STAMP));
    }
}
