package dev.callq.bench.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callq.bench.ExitCode;
import dev.callq.bench.cli.Main;
import dev.callq.bench.testkit.NoProcessLeftBehind;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.callq.bench.testkit.Json.required;

/**
 * The known Lettuce pitfall, made visible: with a command timeout shorter than the blocking pop's, Lettuce
 * gives up on pops that Redis still serves, and the events Redis pops into them are lost. The run goes ahead
 * when asked to, and names each lost event.
 */
@Tag("processes")
@ExtendWith(NoProcessLeftBehind.class)
class ClientTimeoutPitfallTest {
    @TempDir
    Path outDir;

    @Test
    void aLettuceCommandTimeoutBelowThePopTimeoutLosesEventsAndTheRunNamesThem() throws Exception {
        int exit = Main.execute("run", "--load", "synthetic", "--client", "lettuce", "--workers", "2", "--rate", "3",
                "--duration", "3", "--warmup", "0", "--pop-timeout-ms", "2000", "--client-timeout-ms", "600",
                "--drain-timeout", "5", "--out", outDir.toString());

        assertThat(exit).isEqualTo(ExitCode.UNTRUSTWORTHY);
        JsonNode result = new SummaryTree(outDir).client("lettuce");
        long lost = required(result, "/events/lost").asLong();
        assertThat(lost).isPositive();
        assertThat(required(result, "/pollErrors").asLong()).isPositive();
        assertThat(required(result, "/accounting/basis").asText()).isEqualTo("identity");
        List<String> named = Files.readAllLines(outDir.resolve("lettuce-lost.txt"));
        assertThat(named).hasSize((int) lost).allMatch(line -> line.matches("syn-\\d+-\\d+ INVITE"));
        assertThat(result.at("/warnings").toString()).contains("does not exceed the pop timeout");
    }
}
