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
    /** callq sweep: jedis and lettuce at 1, 2 and 4 workers, 1,500 events/s per worker, exp:1ms. */
    static final String SWEEP_WORKERS = "sweep-workers";
    /** callq suite --compare: a rate sweep (one untrustworthy cell) and a two-worker-count sweep. */
    static final String SUITE = "suite";
    static final String PLAN = "plan";
    /** callq jmh --quick */
    static final String JMH = "jmh";
    /** callq max-rate that ran out of probes */
    static final String MAX_RATE = "max-rate";

    private GoldenRuns() {
    }

    static Path copy(String name, Path target) {
        try {
            Path source = Path.of(GoldenRuns.class.getResource("/golden/" + name).toURI());
            Path folder = target.resolve(name);
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : files.toList()) {
                    Path copy = folder.resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(copy);
                    } else {
                        Files.copy(file, copy);
                    }
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
