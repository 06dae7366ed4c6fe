package dev.callq.bench.plan;

import dev.callq.bench.ExitCode;
import dev.callq.bench.cli.Main;
import dev.callq.bench.testkit.Console;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code callq plan} given bad input: one line and exit 2, before anything is started or written. */
class PlanBadInputTest {
    @TempDir
    Path outDir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--slo p99=20 | --slo 'p99=20' is not understood",
            "--slo p100=20ms | --slo 'p100=20ms' is not understood",
            "--slo p99=0ms | --slo wait target must be positive",
            "--rate 0 | --rate must be a positive number",
            "--service-time none | --service-time must have a positive mean",
            "--client glide | unknown client 'glide'",
            "--redis-rtt 1ms~2ms | --redis-rtt's jitter must not exceed its round trip",
            "--repeats 0 | --repeats and --sweep-repeats must be at least 1",
            "--load fax | --load must be one of sip, synthetic, not 'fax'",
            "--rate 1000000 | --rate 1000000 with --service-time exp:3ms is 3000 Erlangs of work alone: no pool of at most 1000 workers",
    })
    void badInputIsOneLineAndExitTwo(String badOption, String expectedMessage) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("--rate", "800", "--slo", "p99=20ms",
                "--service-time", "exp:3ms", "--out", outDir.toString()));
        String[] bad = badOption.strip().split(" ");
        options.put(bad[0], bad[1]);
        List<String> args = new ArrayList<>(List.of("plan"));
        options.forEach((option, value) -> args.addAll(List.of(option, value)));

        Console.Captured console = Console.capture(() -> Main.execute(args.toArray(String[]::new)));

        assertThat(console.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(console.stderr().strip()).startsWith("callq: error: ").contains(expectedMessage).doesNotContain("\n");
        assertThat(outDir.resolve(PlanJson.FILE_NAME)).doesNotExist();
    }
}
