package dev.callq.bench.env;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What produced a results file, recorded in each of them so that a number found later can be traced
 * and rerun: callq's version and the commit its jar was built from, the exact command line (any URL
 * password shown as {@code ***}) and the machine.
 *
 * @param commit the git commit of the build, {@code -dirty} when its sources had uncommitted changes,
 *               or {@code unknown} for a build made outside git or by a plain {@code mvn package}
 */
public record Provenance(String version, String commit, String commandLine, Machine machine) {
    /** The machine the command ran on. */
    public record Machine(int cores, String cpuModel, String kernel, String java) {
        static Machine current() {
            return new Machine(Runtime.getRuntime().availableProcessors(), readCpuModel(),
                    System.getProperty("os.name") + " " + System.getProperty("os.version"),
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        }

        private static String readCpuModel() {
            try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
                return lines.filter(line -> line.startsWith("model name")).map(line -> line.replaceFirst("^[^:]*:\\s*", ""))
                        .findFirst().orElse("unknown");
            } catch (IOException | RuntimeException e) {
                return "unknown";
            }
        }
    }

    private static final String BUILD_PROPERTIES = "callq/build.properties";
    private static final Pattern NEEDS_QUOTES = Pattern.compile(".*[^A-Za-z0-9_./:=,@%+-].*|");

    private static volatile String recordedCommandLine = "(not recorded)";

    /** Remembers how this process was called ({@code callq} and its arguments), for {@link #current()}. */
    public static void recordCommandLine(String program, String... args) {
        recordedCommandLine = RedisEndpoint.mask(Stream.concat(Stream.of(program), Arrays.stream(args)).map(Provenance::quoted)
                .collect(Collectors.joining(" ")));
    }

    /** This process's provenance. */
    public static Provenance current() {
        Properties build = build();
        return new Provenance(build.getProperty("version", "unknown"), build.getProperty("commit", "unknown"),
                recordedCommandLine, Machine.current());
    }

    /** {@code callq-bench 0.1.0 (commit 1a2b3c4d5e6f)}, as {@code callq --version} prints it. */
    public String versionLine() {
        return "callq-bench " + version + " (" + ("unknown".equals(commit) ? "unknown commit" : "commit " + commit) + ")";
    }

    /** One line for a report's header or a Markdown summary. */
    public String describe() {
        return String.format(Locale.ROOT, "%s on %d cores (%s), %s, %s; command: %s", versionLine(), machine.cores(),
                machine.cpuModel(), machine.kernel(), machine.java(), commandLine);
    }

    private static String quoted(String arg) {
        return NEEDS_QUOTES.matcher(arg).matches() ? "'" + arg.replace("'", "'\\''") + "'" : arg;
    }

    private static Properties build() {
        Properties properties = new Properties();
        try (InputStream in = Provenance.class.getClassLoader().getResourceAsStream(BUILD_PROPERTIES)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // No build record: every field says "unknown".
        }
        return properties;
    }
}
