package dev.callq.bench.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Without a terminal (as in CI logs), the measured phase shows as a plain line every five seconds. */
class ConsoleProgressTest {
    @Test
    void plainLinesEveryFiveSecondsOfTheMeasuredPhaseAndNoneDuringTheDrain() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleProgress progress = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        progress.phaseStarted("jedis", "measure", 10);
        for (long second = 1; second <= 12; second++) {
            progress.second(second, 2000, 3, 1500);
        }
        progress.phaseEnded();

        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "jedis: 5/10 s, 2000 events/s, p99 1.5 ms, backlog 3",
                "jedis: 10/10 s, 2000 events/s, p99 1.5 ms, backlog 3");
    }
}
