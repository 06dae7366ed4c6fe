package dev.callq.bench.run;

import dev.callq.bench.options.Warmup;
import dev.callq.bench.options.RunConfig;
import dev.callq.bench.options.RunOptions;
import dev.callq.bench.result.Shard;
import dev.callq.bench.driver.QueuePattern;
import dev.callq.bench.env.LocalRedis;
import dev.callq.bench.env.RedisPersistence;
import dev.callq.bench.event.PayloadFormat;
import dev.callq.bench.load.LoadKind;
import dev.callq.bench.load.RateProfile;
import dev.callq.bench.load.SyntheticLoad;
import dev.callq.bench.result.ClientResult;
import dev.callq.bench.result.Role;
import dev.callq.bench.testkit.ChildProcesses;
import dev.callq.bench.work.ServiceTime;
import dev.callq.bench.sip.EnqueuedEvents;
import dev.callq.bench.work.RandomDraws;
import dev.callq.bench.work.Work;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coordinated omission: under open-loop load, a consumer that stalls for 200 ms must show up in the
 * percentiles, because the events that arrived meanwhile are stamped with their intended send time.
 */
@Isolated("it asserts a p50 below 50 ms beside one stalled consumer")
@Tag("processes")
class StalledConsumerTest {
    private static final long STALL_MILLIS = 200;

    @TempDir
    Path outDir;

    @Test
    void aTwoHundredMillisecondStallShowsInTheTailPercentiles() {
        RunConfig config = new RunConfig(List.of("jedis"), 1, LoadKind.SYNTHETIC, RateProfile.parse("1000"), 0,
                Duration.ofSeconds(3), Warmup.fixed(Duration.ZERO), Duration.ZERO, PayloadFormat.JSON, QueuePattern.BLPOP, 1,
                new ServiceTime.None(), Work.Mode.SLEEP, SyntheticLoad.Arrivals.CONSTANT, 1, Duration.ofMillis(500), Duration.ofSeconds(10),
                2, null, outDir, null, RunOptions.defaults().key, EnqueuedEvents.INVITE_BYE, null,
                LocalRedis.Security.NONE, null, Duration.ZERO, null, null, null, null, List.of(),
                RedisPersistence.NONE, false, false, Role.ALL, Shard.WHOLE, 0, List.of(), null, Duration.ZERO,
                RunOptions.defaults());
        AtomicLong events = new AtomicLong();
        // The only worker stalls once, a second into the measured phase.
        Runnable stallOnce = () -> {
            if (events.incrementAndGet() == 1_000) {
                Work.sleepNanos(Duration.ofMillis(STALL_MILLIS).toNanos());
            }
        };

        ClientResult result;
        try (LocalRedis redis = LocalRedis.start(outDir)) {
            result = new ClientRun(config, "jedis", redis.endpoint(), outDir, outDir)
                    .execute(Runner.loads(config, RandomDraws.of(null)), stallOnce);
        }

        var latency = result.latencyMicros().get("enqueueToDequeue");
        assertThat(result.events().lost()).isZero();
        assertThat(latency.count()).isEqualTo(result.events().consumed());
        assertThat(latency.p999()).isGreaterThanOrEqualTo(150_000);
        assertThat(latency.max()).isGreaterThanOrEqualTo(STALL_MILLIS * 1_000 * 9 / 10);
        assertThat(latency.p50()).isLessThan(50_000);
        assertThat(ChildProcesses.aliveUnder(outDir)).isEmpty();
    }
}
