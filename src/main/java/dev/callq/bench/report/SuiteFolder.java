package dev.callq.bench.report;

import dev.callq.bench.HarnessException;
import dev.callq.bench.sweep.SweepFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A suite folder: one sweep folder per sweep, the suite's {@code summary.md} and, when it was gated
 * against a baseline, {@code compare.md} and the baseline's path in {@code baseline.txt}.
 *
 * @param baseline the baseline folder the suite was gated against, when it is still there to read
 */
record SuiteFolder(Path dir, String name, List<SweepFolder> sweeps, Optional<String> compareMarkdown,
                   Optional<Path> baseline) {
    static final String SUMMARY_FILE = "summary.md";
    static final String COMPARE_FILE = "compare.md";
    private static final String TITLE_PREFIX = "# callq-bench suite: ";

    static SuiteFolder read(Path dir) {
        List<SweepFolder> sweeps = sweepDirs(dir).stream().map(SweepFolder::read).toList();
        Optional<String> summary = text(dir.resolve(SUMMARY_FILE));
        String name = summary.flatMap(md -> md.lines().filter(l -> l.startsWith(TITLE_PREFIX)).findFirst())
                .map(l -> l.substring(TITLE_PREFIX.length()).strip())
                .orElse(dir.toAbsolutePath().getFileName().toString());
        Optional<Path> baseline = text(dir.resolve(SuiteHtml.BASELINE_FILE)).map(text -> Path.of(text.strip()))
                .filter(Files::isDirectory);
        return new SuiteFolder(dir, name, sweeps, text(dir.resolve(COMPARE_FILE)), baseline);
    }

    /** The subfolders holding a sweep.json, by name. */
    static List<Path> sweepDirs(Path dir) {
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(child -> Files.isRegularFile(child.resolve(SweepFiles.JSON))).sorted().toList();
        } catch (IOException e) {
            throw new HarnessException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Optional<String> text(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new HarnessException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
