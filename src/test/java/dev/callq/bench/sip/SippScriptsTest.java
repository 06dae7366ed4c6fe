package dev.callq.bench.sip;

import dev.callq.bench.env.Binaries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * sipp-scenarios/uac.sh and uas.sh on their own, without SIPp running: what they accept, refuse and build.
 * {@code --sipp true} stands in for the binary, so only {@code --print-command} and the checks run.
 */
class SippScriptsTest {
    static final Path UAC_SCRIPT = Path.of("sipp-scenarios/uac.sh").toAbsolutePath();
    static final Path UAS_SCRIPT = Path.of("sipp-scenarios/uas.sh").toAbsolutePath();
    static final Path STEPS_SCRIPT = Path.of("sipp-scenarios/steps.sh").toAbsolutePath();

    /** What a script printed and how it exited. */
    record Ran(int exitCode, String stdout, String stderr) {
    }

    @Test
    void scriptsPassShellcheck() throws Exception {
        assumeThat(Binaries.find("shellcheck")).as("shellcheck is not installed (apt-get install -y shellcheck)")
                .isPresent();

        Ran shellcheck = run(List.of("shellcheck", UAC_SCRIPT.toString(), UAS_SCRIPT.toString(),
                STEPS_SCRIPT.toString()));

        assertThat(shellcheck.exitCode()).as(shellcheck.stdout()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"uac.sh", "uas.sh", "steps.sh"})
    void anUnknownOptionIsOneLineAndExitCode2(String script) throws Exception {
        Ran ran = script(script, "--bogus");

        assertThat(ran.exitCode()).isEqualTo(2);
        assertThat(ran.stdout()).isEmpty();
        assertThat(ran.stderr()).startsWith(script + ": unknown option: --bogus").endsWith(" (see " + script + " --help)\n")
                .hasLineCount(1);
    }

    @Test
    void badValuesAreOneLineAndExitCode2() throws Exception {
        List<List<String>> bad = List.of(
                List.of("uac.sh", "--rate", "0"), List.of("uac.sh", "--rate", "fast"),
                List.of("uac.sh", "--calls", "-3"), List.of("uac.sh", "--kamailio", "127.0.0.1"),
                List.of("uac.sh", "--call-id-prefix", "a%b"), List.of("uac.sh", "--scenario", "/no/such.xml"),
                List.of("uac.sh", "--hold-ms"), List.of("uas.sh", "--port", "x"),
                List.of("uas.sh", "--sipp", "/no/such/sipp"), List.of("steps.sh", "--from", "50", "--to", "10"),
                List.of("steps.sh", "--seconds", "0"), List.of("steps.sh", "--", "--rate", "5"));
        for (List<String> arguments : bad) {
            List<String> options = new ArrayList<>(arguments.get(0).equals("steps.sh") ? List.of() : List.of("--sipp", "true"));
            options.addAll(arguments.subList(1, arguments.size()));
            Ran ran = script(arguments.get(0), options.toArray(String[]::new));

            assertThat(ran.exitCode()).as("%s", arguments).isEqualTo(2);
            assertThat(ran.stderr()).as("%s", arguments).startsWith(arguments.get(0) + ": ").hasLineCount(1);
        }
    }

    @Test
    void helpNamesEveryOption() throws Exception {
        Ran uac = script("uac.sh", "--help");
        Ran uas = script("uas.sh", "--help");

        assertThat(uac.exitCode()).isZero();
        assertThat(uac.stdout()).contains("--kamailio HOST:PORT", "--uas HOST:PORT", "--local ADDRESS", "--local-port",
                "--rate CPS", "--calls N", "--hold-ms MS", "--max-open N", "--call-id-prefix", "--call-number-only",
                "--lost PERCENT", "--scenario FILE", "--trace-dir DIR", "--name NAME", "--sipp PATH",
                "--print-command");
        assertThat(uas.exitCode()).isZero();
        assertThat(uas.stdout()).contains("--local ADDRESS", "--port PORT", "--scenario FILE", "--trace-dir DIR",
                "--name NAME", "--sipp PATH", "--print-command");
        Ran steps = script("steps.sh", "--help");
        assertThat(steps.exitCode()).isZero();
        assertThat(steps.stdout()).contains("--from CPS", "--to CPS", "--step CPS", "--seconds S", "--keep-going",
                "--trace-dir DIR", "--name NAME", "--print-command");
    }

    @Test
    void stepsRunUacOncePerRateForTheSecondsGiven() throws Exception {
        Ran ran = script("steps.sh", "--from", "100", "--to", "300", "--step", "100", "--seconds", "2.5", "--name", "s",
                "--trace-dir", "/tmp/steps", "--print-command", "--", "--sipp", "true", "--kamailio", "10.0.0.3:5060");

        assertThat(ran.exitCode()).as(ran.stderr()).isZero();
        List<String> commands = ran.stdout().lines().toList();
        assertThat(commands).hasSize(3);
        for (int step = 0; step < 3; step++) {
            int rate = 100 * (step + 1);
            assertThat(commands.get(step)).contains(" -rsa 10.0.0.3:5060 ", " -m " + (rate * 5 / 2) + " -r " + rate + " ",
                    " -stf /tmp/steps/s-" + rate + "cps-stats.csv ");
        }
    }

    /** SIPp silently lowers the rate at -l open calls: the cap allows twice a steady state, at least 10. */
    @Test
    void theOpenCallCapAllowsTwiceTheSteadyState() throws Exception {
        assertThat(printedCommand("--rate", "100", "--hold-ms", "200")).contains(" -l 240 ");
        assertThat(printedCommand("--rate", "2.5", "--hold-ms", "0")).contains(" -l 10 ");
        assertThat(printedCommand("--rate", "100", "--hold-ms", "200", "--max-open", "7")).contains(" -l 7 ");
    }

    @Test
    void printedCommandIsSippsWithTheValuesGivenAndTheFilesNamed() throws Exception {
        String command = printedCommand("--kamailio", "10.0.0.3:5060", "--uas", "10.0.0.4:5070", "--local", "10.0.0.9",
                "--rate", "50", "--calls", "20", "--hold-ms", "100", "--trace-dir", "/tmp/it's here", "--name", "x",
                "--call-number-only", "--lost", "5", "--", "-max_retrans", "3");

        // The script resolves the scenario's path (symbolic links too): SIPp runs in the trace folder.
        assertThat(command).startsWith("true 10.0.0.4:5070 -sf " + UAC_SCRIPT.resolveSibling("uac.xml").toRealPath()
                + " -rsa 10.0.0.3:5060 -i 10.0.0.9 -t u1 -nostdin -m 20 -r 50 -rp 1000 -l 110 -d 100 -cid_str call-%u ");
        assertThat(command).contains(" -stf '/tmp/it'\\''s here/x-stats.csv' -fd 1 ")
                .endsWith(" -lost 5 -max_retrans 3\n");
    }

    private static String printedCommand(String... options) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("--sipp", "true", "--print-command"));
        arguments.addAll(List.of(options));
        Ran ran = script("uac.sh", arguments.toArray(String[]::new));
        assertThat(ran.exitCode()).as(ran.stderr()).isZero();
        return ran.stdout();
    }

    static Ran script(String script, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(UAC_SCRIPT.resolveSibling(script).toString()));
        command.addAll(List.of(arguments));
        return run(command);
    }

    static Ran run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        // Small outputs: read stderr after stdout without risk of filling a pipe.
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(command + " did not finish within 30 s");
        }
        return new Ran(process.exitValue(), stdout, stderr);
    }
}
