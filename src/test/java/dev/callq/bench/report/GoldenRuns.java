package dev.callq.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Copies a results folder saved from a real run (src/test/resources/golden) to where a test may write. */
final class GoldenRuns {
    static final String SIP_BOTH = "sip-both";
    static final String SYNTHETIC_LETTUCE = "synthetic-lettuce";

    private GoldenRuns() {
    }

    static Path copy(String name, Path target) {
        try {
            Path source = Path.of(GoldenRuns.class.getResource("/golden/" + name).toURI());
            Path folder = Files.createDirectories(target.resolve(name));
            try (Stream<Path> files = Files.list(source)) {
                for (Path file : files.toList()) {
                    Files.copy(file, folder.resolve(file.getFileName()));
                }
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
