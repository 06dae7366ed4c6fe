package dev.callq.bench.jmh;

import dev.callq.bench.driver.QueueDrivers;
import dev.callq.bench.report.JmhTable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every benchmark runs once, in this JVM (forks 0) so that its redis-server is a child of the
 * test, with one short warm-up and one short measurement: enough to catch a benchmark that fails,
 * measures nothing, or leaves a server behind; far too short for numbers worth reading.
 */
@Tag("processes")
class JmhSmokeTest {
    private static final TimeValue ITERATION_TIME = TimeValue.milliseconds(100);
    private static final List<String> CLIENTS = QueueDrivers.NAMES;
    private static final Set<String> CLIENT_BENCHMARKS = Set.of(
            "RedisListBenchmark.roundTripRpushBlpop",
            "RedisListBenchmark.pipelinedRpush");
    private static final Set<String> CLIENT_FREE_BENCHMARKS = Set.of(
            "PayloadFormatBenchmark.encodeJson",
            "PayloadFormatBenchmark.decodeJson",
            "LatencyRecordingBenchmark.recordLatencyMicros",
            "LatencyRecordingBenchmark.recordRawValue");

    @Test
    void everyBenchmarkScoresForEveryRegisteredClientAndLeavesNoRedisServer() throws RunnerException {
        Options options = new OptionsBuilder()
                .include("dev\\.callq\\.bench\\.jmh\\.")
                .forks(0)
                .threads(1)
                .warmupIterations(1).warmupTime(ITERATION_TIME)
                .measurementIterations(1).measurementTime(ITERATION_TIME)
                .shouldFailOnError(true)
                .build();

        Collection<RunResult> results = new Runner(options).run();

        Set<String> ran = new TreeSet<>();
        for (RunResult result : results) {
            String benchmark = shortName(result);
            String client = result.getParams().getParam("client");
            ran.add(client == null ? benchmark : benchmark + "/" + client);
            assertPositiveAndFinite(result.getPrimaryResult(), benchmark + " " + result.getParams());
            for (Map.Entry<String, Result> secondary : result.getSecondaryResults().entrySet()) {
                assertPositiveAndFinite(secondary.getValue(), benchmark + ":" + secondary.getKey());
            }
            if (benchmark.endsWith("pipelinedRpush")) {
                assertThat(result.getSecondaryResults()).as("events/s of " + result.getParams()).containsKey("events");
            }
        }
        Set<String> expected = new TreeSet<>(CLIENT_FREE_BENCHMARKS);
        for (String benchmark : CLIENT_BENCHMARKS) {
            for (String client : CLIENTS) {
                expected.add(benchmark + "/" + client);
            }
        }
        assertThat(ran).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(JmhTable.render(results)).contains("jedis", "lettuce", "pipelinedRpush batch=128 :events");
        assertThat(redisServerDescendants()).as("redis-server processes left behind").isEmpty();
    }

    private static void assertPositiveAndFinite(Result result, String what) {
        assertThat(result.getScore()).as(what).isFinite().isPositive();
    }

    private static String shortName(RunResult result) {
        String benchmark = result.getParams().getBenchmark();
        String withoutMethod = benchmark.substring(0, benchmark.lastIndexOf('.'));
        return benchmark.substring(withoutMethod.lastIndexOf('.') + 1);
    }

    private static List<String> redisServerDescendants() {
        return ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + " " + p.info().commandLine().orElse(p.info().command().orElse("?")))
                .filter(line -> line.contains("redis-server"))
                .toList();
    }
}
