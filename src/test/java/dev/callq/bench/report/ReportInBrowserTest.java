package dev.callq.bench.report;

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
class ReportInBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path tmp;

    @Test
    void reportRendersItsChartsWithoutConsoleErrors() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "no " + CHROMIUM + "; apt-get install -y chromium to run this test");
        Path report = HtmlReport.write(GoldenRuns.copy(GoldenRuns.SIP_BOTH, tmp));
        String url = report.toUri().toString();

        Result dom = chromium("dom", "--dump-dom", "--enable-logging=stderr", "--v=0", url);
        assertThat(dom.exit()).as(dom.stderr()).isZero();
        assertThat(dom.stdout().split("<svg", -1)).hasSize(5);
        // XChart draws its text as outlines, so the rendered charts show up as paths, not as text
        assertThat(dom.stdout()).contains("accounting balanced").contains("<path");
        assertThat(dom.stderr()).doesNotContain("Uncaught").doesNotContain("ERROR:CONSOLE")
                .doesNotContain(":CONSOLE(");

        Path shot = tmp.resolve("shot.png");
        Result screenshot = chromium("shot", "--screenshot=" + shot, "--window-size=1400,3000", url);
        assertThat(screenshot.exit()).as(screenshot.stderr()).isZero();
        assertThat(shot).isNotEmptyFile();
        Path kept = Files.createDirectories(Path.of("target", "report-screenshot")).resolve("shot.png");
        Files.copy(shot, kept, StandardCopyOption.REPLACE_EXISTING);
    }

    private record Result(int exit, String stdout, String stderr) {
    }

    private Result chromium(String name, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + tmp.resolve("profile-" + name)));
        command.addAll(List.of(args));
        Path stdout = tmp.resolve(name + ".out");
        Path stderr = tmp.resolve(name + ".err");
        Process process = new ProcessBuilder(command).directory(tmp.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("chromium " + name + " did not finish in 60 s: "
                    + Files.readString(stderr, StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }
}
