package dev.callq.bench.cli;

import dev.callq.bench.HarnessException;
import dev.callq.bench.driver.QueueDrivers;
import dev.callq.bench.report.JmhHtml;
import dev.callq.bench.report.JmhTable;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.concurrent.Callable;

/**
 * {@code callq jmh}: the JMH microbenchmarks in {@code benchmarks/jmh}, each in a forked JVM with
 * its own redis-server, every registered client side by side. JMH's JSON goes to the results folder.
 */
@Command(name = "jmh", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs the JMH microbenchmarks (RPUSH+BLPOP, pipelined RPUSH, payload encode/decode, "
                + "latency recording) and puts the registered clients side by side; no ratio where their 99.9 %% confidence intervals overlap.")
public final class JmhCommand implements Callable<Integer> {
    /**
     * Measured on a loaded 2-core machine (docs/jmh.md): the round trip is still being
     * compiled 6 s into a fork (Jedis 40 → 22 µs, Lettuce 346 → 45 µs, Redisson slower still), hence
     * 10 s of warm-up; and two JVMs settle at different costs (Redisson 500 µs in one fork, 80 µs in the
     * next), which one fork would hide from the error, hence several forks of five 2 s iterations. On the
     * quiet machine two forks left Jedis's round trip at 13 % error (one iteration of 123 µs among
     * 150–170), three at 2.7 %: three forks. About 65 s per benchmark and client.
     */
    static final int FORKS = 3;
    static final int WARMUP_ITERATIONS = 5;
    static final TimeValue WARMUP_TIME = TimeValue.seconds(2);
    static final int MEASUREMENT_ITERATIONS = 5;
    static final TimeValue MEASUREMENT_TIME = TimeValue.seconds(2);
    static final TimeValue QUICK_ITERATION_TIME = TimeValue.milliseconds(200);

    @Parameters(arity = "0..1", paramLabel = "FILTER",
            description = "regular expression matched against benchmark names, e.g. pipelinedRpush (default: all)")
    String filter;

    @Option(names = "--quick", description = "one warm-up and one measurement iteration of 200 ms: checks that "
            + "everything runs; the numbers are rough and carry no error bars")
    boolean quick;

    @Option(names = "--out", description = "results folder (default: results/jmh-<time>)")
    Path outDir;

    @Override
    public Integer call() {
        Path dir = outDir != null ? outDir : defaultOutDir();
        Path json = dir.resolve("jmh.json");
        boolean createdDir = !Files.isDirectory(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new HarnessException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        Collection<RunResult> results;
        try {
            results = run(options(filter, quick).result(json.toString()));
        } catch (HarnessException e) {
            removeIfEmpty(json, createdDir ? dir : null);
            throw e;
        }
        System.out.println();
        System.out.print(JmhTable.render(results));
        System.out.println("results: " + json);
        System.out.println("report: " + JmhHtml.write(dir));
        return 0;
    }

    /** The default forks and iterations, or one fork of one short iteration each; the caller adds the result file or overrides. */
    static ChainedOptionsBuilder options(String filter, boolean quick) {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(filter == null ? ".*" : filter)
                .forks(quick ? 1 : FORKS)
                .threads(1)
                .shouldFailOnError(true)
                .resultFormat(ResultFormatType.JSON)
                // Every registered client, whatever the benchmarks' @Param lists.
                .param(JmhTable.CLIENT_PARAM, QueueDrivers.NAMES.toArray(String[]::new));
        if (quick) {
            return options.warmupIterations(1).warmupTime(QUICK_ITERATION_TIME)
                    .measurementIterations(1).measurementTime(QUICK_ITERATION_TIME);
        }
        return options.warmupIterations(WARMUP_ITERATIONS).warmupTime(WARMUP_TIME)
                .measurementIterations(MEASUREMENT_ITERATIONS).measurementTime(MEASUREMENT_TIME);
    }

    static Collection<RunResult> run(ChainedOptionsBuilder options) {
        try {
            return new Runner(options.build()).run();
        } catch (NoBenchmarksException e) {
            throw new HarnessException("no benchmark matches the filter; benchmark names look like "
                    + "dev.callq.bench.jmh.RedisListBenchmark.pipelinedRpush");
        } catch (RunnerException e) {
            throw new HarnessException("JMH run failed: " + e.getMessage(), e);
        }
    }

    /**
     * A failed run (a filter that matches nothing) should not leave behind the empty result file
     * JMH opens up front, nor the empty results folder this run created ({@code dir} null: keep it).
     */
    private static void removeIfEmpty(Path json, Path dir) {
        try {
            if (Files.exists(json) && Files.size(json) == 0) {
                Files.delete(json);
            }
            if (dir != null) {
                Files.deleteIfExists(dir);
            }
        } catch (IOException notEmpty) {
            // JMH wrote something there; keep it for whoever investigates the failure.
        }
    }

    private static Path defaultOutDir() {
        return DefaultOutDir.timestamped("jmh");
    }
}
