package dev.callq.bench.cli;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code callq} script on a machine with Java and nothing else: a PATH holding java, bash and the
 * few coreutils the script uses, no redis-server, kamailio, sipp or Maven. The checkout is a copy of
 * the script beside a built jar (a manifest pointing at this test's classes), so nothing is rebuilt.
 */
@Tag("processes")
class LauncherTest {
    private static final List<String> TOOLS = List.of("bash", "dirname", "find", "id", "ls", "head");

    @TempDir
    Path temp;
    private Path checkout;
    private Path bin;
    private Path caller;

    @BeforeEach
    void javaOnlyMachine() throws Exception {
        checkout = Files.createDirectories(temp.resolve("checkout"));
        Files.createDirectories(checkout.resolve("scripts"));
        Files.createDirectories(checkout.resolve("target"));
        for (String script : List.of("callq", "scripts/setup.sh")) {
            Path copy = checkout.resolve(script);
            Files.copy(Path.of(script), copy, StandardCopyOption.COPY_ATTRIBUTES);
            Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        writeLauncherJar(checkout.resolve("target/callq-bench.jar"));
        bin = Files.createDirectories(temp.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));
        for (String tool : TOOLS) {
            Files.createSymbolicLink(bin.resolve(tool), which(tool));
        }
        caller = Files.createDirectories(temp.resolve("elsewhere"));
    }

    @Test
    void helpAndVersionNeedNothingButJava() throws Exception {
        Result help = callq("--help");
        assertThat(help.exit()).as(help.output()).isZero();
        assertThat(help.output()).contains("Usage: callq").doesNotContain("setup:");

        Result runHelp = callq("run", "--help");
        assertThat(runHelp.exit()).as(runHelp.output()).isZero();
        assertThat(runHelp.output()).contains("Usage: callq run");

        Result version = callq("--version");
        assertThat(version.exit()).as(version.output()).isZero();
        assertThat(version.output()).containsPattern("^callq-bench \\S+ \\((commit \\S+|unknown commit)\\)");
    }

    /** The control: with the same PATH, a command that starts processes stops at setup, naming what is missing. */
    @Test
    void aCommandThatStartsProcessesStillChecksWhatItDrives() throws Exception {
        Result run = callq("run", "--duration", "1");

        assertThat(run.exit()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).contains("setup: missing").contains("redis-server").contains("kamailio");
    }

    @Test
    void reportResolvesARelativeFolderAgainstTheCallersDirectory() throws Exception {
        copyGolden("sip-both", caller.resolve("downloaded/sip-both"));

        Result report = callq("report", "downloaded/sip-both");

        assertThat(report.exit()).as(report.output()).isZero();
        assertThat(report.output()).contains("report: downloaded/sip-both/report.html");
        assertThat(caller.resolve("downloaded/sip-both/report.html")).exists();
    }

    /** A jHiccup-style log: untagged intervals of nanoseconds, jHiccup's header, written by HdrHistogram's own writer. */
    @Test
    void reportReadsAnIntervalLogAnotherToolWrote() throws Exception {
        Path folder = Files.createDirectories(caller.resolve("hiccups"));
        Histogram total = new Histogram(3);
        try (PrintStream out = new PrintStream(folder.resolve("hiccup.hlog").toFile(), StandardCharsets.UTF_8)) {
            HistogramLogWriter writer = new HistogramLogWriter(out);
            long startMillis = 1_700_000_000_000L;
            writer.outputComment("[Logged with jHiccup version 2.0.10]");
            writer.outputLogFormatVersion();
            writer.outputStartTime(startMillis);
            writer.setBaseTime(startMillis);
            writer.outputLegend();
            for (int second = 0; second < 5; second++) {
                Histogram interval = new Histogram(3);
                for (int i = 1; i <= 1000; i++) {
                    interval.recordValue(i * 20_000L + second); // 20 µs … 20 ms, in ns
                }
                interval.setStartTimeStamp(startMillis + second * 1000L);
                interval.setEndTimeStamp(startMillis + second * 1000L + 1000);
                writer.outputIntervalHistogram(interval);
                total.add(interval);
            }
        }

        Result report = callq("report", "hiccups");

        assertThat(report.exit()).as(report.output()).isZero();
        String html = Files.readString(caller.resolve("hiccups/report.html"));
        assertThat(html).contains("hiccup.hlog: p99 " + total.getValueAtPercentile(99) + ", max " + total.getMaxValue()
                + " (5000 values)");
    }

    private record Result(int exit, String output) {
    }

    private Result callq(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(checkout.resolve("callq").toString()));
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(caller.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("PATH", bin.toString());
        builder.environment().put("HOME", temp.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    /** A jar holding only a manifest: callq's main class and this test's classpath. */
    private static void writeLauncherJar(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Main.class.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH,
                Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                        .map(entry -> Path.of(entry).toAbsolutePath().toUri().toString())
                        .collect(Collectors.joining(" ")));
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
            jarOut.flush();
        }
    }

    private static Path which(String tool) {
        return Stream.of("/usr/bin", "/bin").map(dir -> Path.of(dir, tool)).filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + tool + " in /usr/bin or /bin"));
    }

    private static void copyGolden(String name, Path target) throws IOException, URISyntaxException {
        Path source = Path.of(LauncherTest.class.getResource("/golden/" + name).toURI());
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
    }
}
