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
                "jedis: 5/10 s, mean 2000 events/s, worst p99 1.5 ms, backlog 3",
                "jedis: 10/10 s, mean 2000 events/s, worst p99 1.5 ms, backlog 3");
    }

    /** Throughput in 5-second waves once showed "0 events/s, p99 0.0 ms" at every line. */
    @Test
    void aLineShowsTheMeanRateAndWorstP99SinceThePreviousLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleProgress progress = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        progress.phaseStarted("lettuce", "measure", 10);
        long[] consumed = {5000, 0, 0, 0, 0, 4000, 1000, 0, 0, 0};
        long[] p99Micros = {2500, 0, 0, 0, 0, 900, 4200, 0, 0, 0};
        for (int second = 1; second <= 10; second++) {
            progress.second(second, consumed[second - 1], 0, p99Micros[second - 1]);
        }
        progress.phaseEnded();

        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "lettuce: 5/10 s, mean 1000 events/s, worst p99 2.5 ms, backlog 0",
                "lettuce: 10/10 s, mean 1000 events/s, worst p99 4.2 ms, backlog 0");
    }

    /** A line whose seconds had no latency sample says so rather than show a p99 of 0.0 ms. */
    @Test
    void aLineWithoutALatencySampleSaysSo() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleProgress progress = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        progress.phaseStarted("jedis", "measure", 5);
        for (long second = 1; second <= 5; second++) {
            progress.second(second, 100, 0, 0);
        }
        progress.phaseEnded();

        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "jedis: 5/5 s, mean 100 events/s, worst p99 not measured yet, backlog 0");
    }
}
