package dev.callq.bench.report;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Opens report.html in headless Chromium: the charts must survive rendering, the page must log no console
 * error, and a screenshot is left at target/report-screenshot/shot.png for a person to look at.
 */
@Tag("processes")
class ReportInBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path tmp;

    @Test
    void reportRendersItsChartsWithoutConsoleErrors() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "no " + CHROMIUM + "; apt-get install -y chromium to run this test");
        Path report = RunHtml.write(GoldenRuns.copy(GoldenRuns.SIP_BOTH, tmp));
        String url = report.toUri().toString();

        Path shot = tmp.resolve("shot.png");
        // both at once: each Chromium start costs seconds
        Process domProcess = start("dom", "--dump-dom", "--enable-logging=stderr", "--v=0", url);
        Process shotProcess = start("shot", "--screenshot=" + shot, "--window-size=1400,3000", url);
        Result dom = finish("dom", domProcess);
        Result screenshot = finish("shot", shotProcess);

        assertThat(dom.exit()).as(dom.stderr()).isZero();
        assertThat(dom.stdout().split("<svg", -1)).hasSize(5);
        // XChart draws its text as outlines, so the rendered charts show up as paths, not as text
        assertThat(dom.stdout()).contains("accounting balanced").contains("<path");
        assertThat(dom.stderr()).doesNotContain("Uncaught").doesNotContain("ERROR:CONSOLE")
                .doesNotContain(":CONSOLE(");
        assertThat(screenshot.exit()).as(screenshot.stderr()).isZero();
        assertThat(shot).isNotEmptyFile();
        Path kept = Files.createDirectories(Path.of("target", "report-screenshot")).resolve("shot.png");
        Files.copy(shot, kept, StandardCopyOption.REPLACE_EXISTING);
    }

    private record Result(int exit, String stdout, String stderr) {
    }

    private Process start(String name, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + tmp.resolve("profile-" + name)));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(tmp.toFile())
                .redirectOutput(tmp.resolve(name + ".out").toFile())
                .redirectError(tmp.resolve(name + ".err").toFile()).start();
    }

    private Result finish(String name, Process process) throws IOException, InterruptedException {
        Path stderr = tmp.resolve(name + ".err");
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("chromium " + name + " did not finish in 60 s: "
                    + Files.readString(stderr, StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), Files.readString(tmp.resolve(name + ".out"), StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }
}
