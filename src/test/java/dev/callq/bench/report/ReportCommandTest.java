package dev.callq.bench.report;

import dev.callq.bench.ExitCode;
import dev.callq.bench.cli.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code callq report DIR} from the command line, exit codes included. */
class ReportCommandTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @BeforeEach
    void captureConsole() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreConsole() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    @Test
    void missingFolderExitsTwoWithOneLine() {
        int exit = Main.execute("report", tmp.resolve("no-such-run").toString());

        assertThat(exit).isEqualTo(ExitCode.USAGE);
        assertThat(stderr().lines()).containsExactly("callq: error: no results folder at " + tmp.resolve("no-such-run"));
    }

    @Test
    void folderOfUnknownKindExitsTwoWithOneLine() {
        int exit = Main.execute("report", tmp.toString());

        assertThat(exit).isEqualTo(ExitCode.USAGE);
        assertThat(stderr().lines()).containsExactly("callq: error: " + tmp + " is not a results folder: it holds "
                + "none of summary.json, sweep.json, plan.json, jmh.json, max-rate.json, */sweep.json, base/ and current/, *.hlog");
    }

    @Test
    void rebuildsAllThreeFilesFromTheRawResults() throws IOException {
        Path folder = GoldenRuns.copy(GoldenRuns.SIP_BOTH, tmp);

        int exit = Main.execute("report", folder.toString());

        assertThat(exit).isZero();
        assertThat(stderr()).isEmpty();
        assertThat(folder.resolve("report.html")).isNotEmptyFile();
        assertThat(folder.resolve("summary.md")).isNotEmptyFile();
        assertThat(Files.readAllLines(folder.resolve("summary.csv"))).hasSize(3);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("report: " + folder.resolve("report.html"));
    }

    @ParameterizedTest
    @ValueSource(strings = {GoldenRuns.SYNTHETIC_LETTUCE, GoldenRuns.SWEEP_WORKERS, GoldenRuns.SUITE, GoldenRuns.PLAN,
            GoldenRuns.JMH, GoldenRuns.MAX_RATE})
    void rebuildsTheReportOfEveryKindOfFolder(String golden) throws IOException {
        Path folder = GoldenRuns.copy(golden, tmp);

        int exit = Main.execute("report", folder.toString());

        assertThat(exit).isZero();
        assertThat(stderr()).isEmpty();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("report: " + folder.resolve("report.html"));
        assertThat(ReportPages.readSelfContained(folder.resolve("report.html"))).contains("<h1>callq-bench");
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
