package dev.callq.bench;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No package imports one above it. The layers, bottom to top; a package may import its own layer and those
 * below. Subpackages ({@code driver.jedis}) belong to their top package's layer; the root package
 * ({@code HarnessException}, {@code ExitCode}) is the bottom. A new package must be added here, at its level.
 */
class LayersTest {
    static final List<List<String>> LAYERS = List.of(
            List.of(""),
            List.of("event", "work", "measure", "queueing"),
            List.of("env", "netem"),
            List.of("driver"),
            List.of("sip"),
            List.of("load"),
            List.of("result"),
            List.of("fault"),
            List.of("options"),
            List.of("run"),
            List.of("plan", "maxrate", "sweep", "shard"),
            List.of("suite"),
            List.of("compare", "history"),
            List.of("report"),
            // the JMH benchmarks (benchmarks/jmh) run from the command line, and nothing imports them
            List.of("cli", "jmh"));
    private static final List<Path> SOURCE_ROOTS = List.of(Path.of("src/main/java"), Path.of("benchmarks/jmh/java"));
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(dev\\.callq\\.bench\\.(\\w+)\\.[\\w.*]+);",
            Pattern.MULTILINE);

    @Test
    void noPackageImportsOneAboveIt() throws IOException {
        Map<String, Integer> level = new HashMap<>();
        for (int i = 0; i < LAYERS.size(); i++) {
            for (String pkg : LAYERS.get(i)) {
                level.put(pkg, i);
            }
        }
        List<String> upward = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        int files = 0;
        for (Path root : SOURCE_ROOTS) {
            Path base = root.resolve("dev/callq/bench");
            List<Path> sources;
            try (Stream<Path> walk = Files.walk(base)) {
                sources = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
            }
            for (Path source : sources) {
                files++;
                Path relative = base.relativize(source);
                String pkg = relative.getNameCount() == 1 ? "" : relative.getName(0).toString();
                if (!level.containsKey(pkg)) {
                    unknown.add(pkg + " (" + relative + ")");
                    continue;
                }
                Matcher imports = IMPORT.matcher(Files.readString(source));
                while (imports.find()) {
                    String imported = imports.group(2);
                    if (!level.containsKey(imported)) {
                        unknown.add(imported + " (imported by " + relative + ")");
                    } else if (level.get(imported) > level.get(pkg)) {
                        upward.add(relative + " imports " + imports.group(1) + " (" + name(pkg) + " sits below "
                                + name(imported) + ")");
                    }
                }
            }
        }

        assertThat(files).as("source files scanned").isGreaterThan(100);
        assertThat(unknown).as("packages missing from LayersTest.LAYERS").isEmpty();
        assertThat(upward).as("imports that point up the layers").isEmpty();
    }

    private static String name(String pkg) {
        return pkg.isEmpty() ? "the root package" : pkg;
    }
}
