package dev.callq.bench.cli;

import dev.callq.bench.ExitCode;
import dev.callq.bench.measure.Slo;
import dev.callq.bench.testkit.Console;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --slo} is spelled the same for {@code callq plan} and {@code callq max-rate}: one type reads both. */
class SloOptionTest {
    private static final Slo P999_50MS = new Slo("p99.9", 0.999, 50_000);

    @TempDir
    Path outDir;

    @ParameterizedTest
    @ValueSource(strings = {"p999=50ms", "p99.9=50ms", "P999=0.05s", "p99.90=50000us"})
    void planTakesTheTailPercentileWithOrWithoutTheDot(String slo) {
        PlanCommand plan = new PlanCommand();
        new CommandLine(plan).parseArgs("--rate", "800", "--slo", slo, "--service-time", "exp:3ms",
                "--out", outDir.toString());

        assertThat(plan.toSettings().slo()).isEqualTo(P999_50MS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"p999=50ms", "p99.9=50ms", "P999=0.05s", "p99.90=50000us"})
    void maxRateTakesTheTailPercentileWithOrWithoutTheDot(String slo) {
        MaxRateCommand maxRate = new MaxRateCommand();
        new CommandLine(maxRate).parseArgs("--client", "jedis", "--workers", "4", "--slo", slo,
                "--out", outDir.toString());

        assertThat(maxRate.toSettings().rule().slo()).isEqualTo(P999_50MS);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "max-rate | p99=20 | --slo 'p99=20' is not understood",
            "max-rate | p100=20ms | --slo 'p100=20ms' is not understood",
            "max-rate | p95=20ms | --slo p95=20ms cannot judge a max-rate probe",
            "plan | p99=20 | --slo 'p99=20' is not understood",
    })
    void aBadObjectiveIsOneLineAndExitTwoBeforeAnythingRuns(String command, String slo, String expectedMessage) throws Exception {
        String[] args = command.equals("plan")
                ? new String[] {"plan", "--rate", "800", "--slo", slo, "--service-time", "exp:3ms", "--out", outDir.toString()}
                : new String[] {"max-rate", "--client", "jedis", "--workers", "4", "--slo", slo, "--out", outDir.toString()};
        Console.Captured console = Console.capture(() -> Main.execute(args));

        assertThat(console.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(console.stderr().strip()).startsWith("callq: error: ")
                .contains(expectedMessage).doesNotContain("\n");
        assertThat(outDir).isEmptyDirectory();
    }
}
