package dev.callq.bench.run;

import dev.callq.bench.env.ManagedProcess;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * The images docker-compose.yml and the Docker tests use, prepared by scripts/docker-base-images.sh as a user
 * prepares them: the first time it makes debian:bookworm-slim with debootstrap where it cannot be pulled
 * (minutes), afterwards it only rebuilds the project's images from Docker's cache (seconds).
 */
final class DockerImages {
    /** The Redis the compose file and ExternalRedisTest measure: CALLQ_REDIS_IMAGE, as in docker-compose.yml. */
    static final String REDIS = System.getenv().getOrDefault("CALLQ_REDIS_IMAGE", "callq/redis:bookworm");

    private static final Path SCRIPT = Path.of("scripts/docker-base-images.sh");
    private static final Path JAR = Path.of("target/callq-bench.jar");
    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(15);

    private DockerImages() {
    }

    /** debian:bookworm-slim and the Debian Redis image. */
    static void prepareBase(Path logDir) {
        runScript(logDir, "--base");
    }

    /** Everything docker-compose.yml runs, the harness image holding the jar of the classes under test. */
    static void prepareAll(Path logDir) {
        requireCurrentJar();
        runScript(logDir);
    }

    private static void runScript(Path logDir, String... arguments) {
        Path log = logDir.resolve("docker-base-images.log");
        List<String> command = Stream.concat(Stream.of(SCRIPT.toAbsolutePath().toString()), Stream.of(arguments)).toList();
        try (ManagedProcess script = ManagedProcess.start("docker-base-images", command, Path.of("").toAbsolutePath(), log)) {
            int exitCode = script.waitFor(SCRIPT_TIMEOUT);
            if (exitCode != 0) {
                throw new AssertionError(SCRIPT + " failed (exit " + exitCode + "): " + Files.readString(log, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new AssertionError("cannot read " + log + ": " + e.getMessage(), e);
        }
    }

    /**
     * The harness image copies target/callq-bench.jar: a jar older than the compiled classes would test other
     * code than this build's. The script's own build (./callq) cannot run here: it would rewrite target/classes
     * under the running tests.
     */
    private static void requireCurrentJar() {
        try {
            if (!Files.exists(JAR)) {
                throw new AssertionError(JAR + " is missing: build it first (./callq --version, or " + SCRIPT + ")");
            }
            FileTime jarTime = Files.getLastModifiedTime(JAR);
            try (Stream<Path> classes = Files.walk(Path.of("target/classes"))) {
                // Classes only: Maven rewrites the filtered build.properties on every build.
                Path newer = classes.filter(file -> file.toString().endsWith(".class"))
                        .filter(file -> lastModified(file).compareTo(jarTime) > 0).findFirst().orElse(null);
                if (newer != null) {
                    throw new AssertionError(JAR + " is older than " + newer + ": rebuild it first (./callq --version, or "
                            + SCRIPT + ")");
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cannot compare " + JAR + " with target/classes: " + e.getMessage(), e);
        }
    }

    private static FileTime lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new AssertionError("cannot read the time of " + file + ": " + e.getMessage(), e);
        }
    }
}
