package dev.callq.bench.run;

import dev.callq.bench.options.RunOptions;
import dev.callq.bench.result.Shard;
import dev.callq.bench.result.SustainedLoad;
import dev.callq.bench.result.SummaryJson;
import dev.callq.bench.result.RunVerdict;
import com.fasterxml.jackson.databind.JsonNode;
import dev.callq.bench.cli.Main;
import dev.callq.bench.env.LocalRedis;
import dev.callq.bench.result.Role;
import dev.callq.bench.result.ShardPart;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.callq.bench.testkit.Json.required;

/**
 * The whole sharded protocol on one machine: three producer and three consumer processes
 * ({@code callq run --role … --shard i/3}) against one redis-server, one producer with its clock
 * three seconds fast, then {@code callq merge}. One short run, asserted several ways.
 */
@Tag("processes")
class ShardedRunTest {
    private static final int SHARDS = 3;
    private static final int RATE_PER_SEC = 1_500;
    private static final int DURATION_SECONDS = 2;
    private static final long SKEW_MILLIS = 3_000;

    @TempDir
    Path tmp;

    @Test
    void threeShardsMergeIntoOneRunWithExactAccountingSummedHistogramsAndAlignedClocks() throws Exception {
        Path out = tmp.resolve("sharded");
        try (LocalRedis redis = LocalRedis.start(Files.createDirectories(tmp.resolve("redis")))) {
            List<Process> shards = new ArrayList<>();
            for (Role role : List.of(Role.CONSUMER, Role.PRODUCER)) {
                for (int i = 0; i < SHARDS; i++) {
                    RunOptions options = RunOptions.of("--client", "jedis", "--load", "synthetic",
                            "--rate", Integer.toString(RATE_PER_SEC), "--duration", Integer.toString(DURATION_SECONDS),
                            "--warmup", "0.5", "--warmup-max", "1", "--workers", "6", "--redis", redis.endpoint().urlWithPassword(),
                            "--role", role.cliName(), "--shard", new Shard(i, SHARDS).toString());
                    if (role == Role.PRODUCER && i == 1) {
                        options.clockSkewMillis = SKEW_MILLIS;
                    }
                    shards.add(fork(options, out, tmp.resolve(role.cliName() + "-" + i + ".log")));
                }
            }
            try {
                for (Process shard : shards) {
                    assertThat(shard.waitFor(60, TimeUnit.SECONDS)).isTrue();
                    assertThat(shard.exitValue()).isZero();
                }
            } finally {
                shards.forEach(Process::destroyForcibly);
            }
        }

        int mergeExit = Main.execute("merge", out.toString());

        assertExitFollowsVerdict(mergeExit, out);
        SummaryTree summary = new SummaryTree(out);
        JsonNode events = summary.client("jedis").path("events");
        // What one process running the whole load accounts: rate × duration (a schedule may hold one more
        // arrival at the phase's edge, here one per producer), each taken exactly once.
        long expected = required(summary.client("jedis"), "/producer/pushed").asLong();
        // No --seed: each shard drew its own, and the merged config names them all.
        assertThat(summary.summary().path("config").has("seed")).isFalse();
        assertThat(required(summary.summary(), "/config/seeds").size()).isEqualTo(2 * SHARDS);
        assertThat(expected).isBetween((long) RATE_PER_SEC * DURATION_SECONDS, (long) RATE_PER_SEC * DURATION_SECONDS + SHARDS);
        assertThat(required(events, "/expected").asLong()).isEqualTo(expected);
        assertThat(required(events, "/consumed").asLong()).isEqualTo(expected);
        assertThat(required(events, "/unique").asLong()).isEqualTo(expected);
        assertThat(required(events, "/lost").asLong()).isZero();
        assertThat(required(events, "/duplicates").asLong()).isZero();
        assertThat(required(events, "/leftInQueue").asLong()).isZero();

        // Merged percentiles are those of every shard's raw intervals added up, read here with HdrHistogram's own reader.
        Histogram union = new Histogram(3);
        try (var dirs = Files.list(out.resolve(ShardPart.SHARDS_FOLDER))) {
            for (Path dir : dirs.filter(d -> d.getFileName().toString().startsWith("consumer")).toList()) {
                addTagged(dir.resolve("jedis.hlog").toFile(), "enqueueToDequeue", union);
            }
        }
        JsonNode latency = summary.client("jedis").path("latencyMicros").path("enqueueToDequeue");
        assertThat(required(latency, "/count").asLong()).isEqualTo(union.getTotalCount()).isEqualTo(expected);
        assertThat(required(latency, "/p50").asLong()).isEqualTo(union.getValueAtPercentile(50));
        assertThat(required(latency, "/p99").asLong()).isEqualTo(union.getValueAtPercentile(99));
        assertThat(required(latency, "/p999").asLong()).isEqualTo(union.getValueAtPercentile(99.9));
        assertThat(required(latency, "/max").asLong()).isEqualTo(union.getMaxValue());
        Histogram merged = new Histogram(3);
        addTagged(out.resolve("jedis.hlog").toFile(), "enqueueToDequeue", merged);
        assertThat(merged).isEqualTo(union);

        // The fast clock was measured to within the stated uncertainty and corrected: uncorrected, that
        // producer's third of the events would show as -3 s (counted as ≤ 0).
        ShardPart skewed = ShardPart.read(out.resolve("shards/producer-1"));
        ShardPart reference = ShardPart.read(out.resolve("shards/producer-0"));
        assertThat(Math.abs(skewed.clockOffsetMicros() - reference.clockOffsetMicros() + SKEW_MILLIS * 1_000))
                .isLessThanOrEqualTo(skewed.clockUncertaintyMicros() + reference.clockUncertaintyMicros());
        assertThat(required(latency, "/nonPositive").asLong()).isZero();
        assertThat(required(latency, "/max").asLong()).isLessThan(SKEW_MILLIS * 1_000);
        long statedUncertainty = required(latency, "/clockUncertaintyMicros").asLong();
        assertThat(statedUncertainty).isPositive().isLessThan(10_000);
        assertThat(Files.readString(out.resolve("report.html"))).contains("clock ±", "± " + statedUncertainty);

        // Without one consumer's part, merge refuses and names it, rather than count that third as lost.
        try (var files = Files.walk(out.resolve("shards/consumer-1"))) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
        assertThat(Main.execute("merge", out.toString())).isEqualTo(dev.callq.bench.ExitCode.USAGE);
    }

    /**
     * Merge exits 0 for a trustworthy run and 3 for one that is not, and nothing else (1 would be a crash).
     * Which of the two depends on the machine: six JVMs sharing two cores can leave a producer shard behind
     * its schedule, or a consumer behind its load. Those are the only findings a busy machine may add; the
     * accounting, which the callers assert exactly, never depends on it.
     */
    static void assertExitFollowsVerdict(int mergeExit, Path out) {
        RunVerdict verdict = RunVerdict.of(SummaryJson.read(out).clients().get(0));
        assertThat(mergeExit).as("merge's exit for a verdict of " + verdict.reasons())
                .isEqualTo(verdict.trustworthy() ? dev.callq.bench.ExitCode.OK : dev.callq.bench.ExitCode.UNTRUSTWORTHY);
        assertThat(verdict.accountingBalanced()).as("accounting balanced").isTrue();
        assertThat(verdict.crossChecksAgree()).as("cross-checks agree").isTrue();
        assertThat(verdict.reasons()).as("only what a busy machine may cause")
                .allMatch(reason -> reason.startsWith("producer behind schedule") || reason.startsWith(SustainedLoad.NOT_SUSTAINED));
    }

    static Process fork(RunOptions options, Path out, Path log) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Six JVMs share two cores here: C1 only and a serial collector start them with less CPU.
                "-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run"));
        command.addAll(options.toArgs());
        command.addAll(List.of("--out", out.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void addTagged(File hlog, String tag, Histogram sum) throws Exception {
        try (HistogramLogReader reader = new HistogramLogReader(hlog)) {
            EncodableHistogram interval;
            while ((interval = reader.nextIntervalHistogram()) != null) {
                if (tag.equals(interval.getTag())) {
                    sum.add((Histogram) interval);
                }
            }
        }
    }
}
