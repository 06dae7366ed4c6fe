package dev.callq.bench.driver;

import dev.callq.bench.driver.lettuce.LettuceQueueDriver;
import dev.callq.bench.env.LocalRedis;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Client settings files: read strictly, labelled by their name, and applied to the library. */
@Tag("processes")
class ClientSettingsFileTest {
    @TempDir
    Path dir;

    @Test
    void aBundledFileNamesItsLibraryAndLabelsTheResultsWithItsConfiguration() {
        ClientChoice choice = ClientChoice.parse("benchmarks/clients/lettuce-4-io-threads.yaml");

        assertThat(choice.library()).isEqualTo("lettuce");
        assertThat(choice.label()).isEqualTo("lettuce:4-io-threads");
        assertThat(choice.settings().values()).containsEntry("ioThreadPoolSize", "4");
        assertThat(ClientChoice.parse("lettuce:benchmarks/clients/lettuce-4-io-threads.yaml")).isEqualTo(
                new ClientChoice("lettuce:benchmarks/clients/lettuce-4-io-threads.yaml", "lettuce", "lettuce:4-io-threads",
                        choice.settings(), null, "benchmarks/clients/lettuce-4-io-threads.yaml"));
        assertThat(ClientChoice.parse("benchmarks/clients/lettuce-resp3.yaml").respVersionOr(2)).isEqualTo(3);
        assertThat(ClientChoice.parse("jedis").label()).isEqualTo("jedis");
    }

    @Test
    void everyBundledFileReadsAndEveryRegisteredClientHasADefaultFile() throws IOException {
        List<String> libraries = new ArrayList<>();
        try (var files = Files.list(Path.of("benchmarks/clients"))) {
            for (Path file : files.toList()) {
                libraries.add(ClientChoice.parse(file.toString()).library());
            }
        }
        assertThat(libraries).containsAll(QueueDrivers.NAMES);
    }

    @Test
    void anUnknownSettingStopsWithOneLineNamingTheKnownOnes() throws IOException {
        Path file = write("lettuce-typo.yaml", "client: lettuce\nsettings:\n  ioThreads: 2\n");

        assertThatThrownBy(() -> QueueDrivers.select(file.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + ": unknown lettuce setting 'ioThreads'; expected one of "
                        + String.join(", ", LettuceQueueDriver.SETTINGS));
    }

    @Test
    void aFileForAnotherLibraryOrAnUnknownKeyOrClientIsRefused() throws IOException {
        Path lettuce = write("lettuce-x.yaml", "client: lettuce\n");
        assertThatThrownBy(() -> QueueDrivers.select("jedis:" + lettuce))
                .hasMessage(lettuce + " configures lettuce, not jedis");
        Path extra = write("x.yaml", "client: lettuce\nthreads: 2\n");
        assertThatThrownBy(() -> QueueDrivers.select(extra.toString()))
                .hasMessage(extra + ": unknown key 'threads'; expected client, resp, settings");
        Path unknown = write("y.yaml", "client: glide\n");
        assertThatThrownBy(() -> QueueDrivers.select(unknown.toString()))
                .hasMessageStartingWith("unknown client 'glide'");
        assertThatThrownBy(() -> QueueDrivers.select("missing.yaml"))
                .hasMessage("client settings file missing.yaml does not exist");
    }

    /**
     * The setting reaches the library: Lettuce spreads five connections (four workers and its probe) over
     * the four event loops asked for, where its default on two cores is two.
     */
    @Test
    void lettuceIoThreadPoolSizeChangesTheEventLoopThreadsItRuns() {
        ClientChoice choice = ClientChoice.parse("benchmarks/clients/lettuce-4-io-threads.yaml");
        try (LocalRedis redis = LocalRedis.start(dir)) {
            QueueSpec spec = QueueSpec.blpop("settings-test", Duration.ofMillis(300));
            long loopsBefore = lettuceEventLoops();
            try (QueueDriver driver = QueueDrivers.open(choice, ClientSettings.forQueue(redis.endpoint(), 2, spec))) {
                for (int workerId = 0; workerId < 4; workerId++) {
                    driver.createConsumer(spec, workerId);
                }
                Map<String, String> description = driver.describe();
                assertThat(description).containsEntry("ioThreads", "4");
                assertThat(lettuceEventLoops() - loopsBefore).as("new Lettuce event-loop threads").isEqualTo(4);
            }
        }
    }

    /**
     * Pooled Jedis pops through its RedisClient's pool: exactly once, on connections named for the pool,
     * each reply stamped for the latency split.
     */
    @Test
    void pooledJedisWorkersPopThroughTheRedisClientPool() {
        ClientChoice choice = ClientChoice.parse("benchmarks/clients/jedis-pooled.yaml");
        try (LocalRedis redis = LocalRedis.start(dir);
             RawRedis raw = new RawRedis(redis.endpoint())) {
            QueueSpec spec = QueueSpec.blpop("pooled-test", Duration.ofMillis(300));
            try (QueueDriver driver = QueueDrivers.open(choice, ClientSettings.forQueue(redis.endpoint(), 2, spec));
                 QueueProducer producer = driver.createProducer(spec)) {
                assertThat(driver.describe().get("connections")).contains("pooled RedisClient (maxTotal 16)");
                producer.push(List.of("a", "b", "c"));
                List<String> popped = new ArrayList<>();
                List<Long> replyArrivals = new ArrayList<>();
                PayloadSink sink = new PayloadSink() {
                    @Override
                    public void accept(List<String> payloads) {
                        popped.addAll(payloads);
                    }

                    @Override
                    public void accept(List<String> payloads, long replyArrivedMicros) {
                        accept(payloads);
                        replyArrivals.add(replyArrivedMicros);
                    }
                };
                for (int workerId = 0; workerId < 3; workerId++) {
                    driver.createConsumer(spec, workerId).poll(sink);
                }
                assertThat(popped).containsExactly("a", "b", "c");
                if (ReplyStamp.ENABLED) {
                    assertThat(replyArrivals).as("each pop's reply stamped by the pooled socket")
                            .hasSize(3).doesNotContain(ReplyStamp.NONE);
                }
                assertThat(raw.clientListLines("callq-jedis-pool")).as("the pool's connections").isNotEmpty();
                assertThat(raw.clientListLines("callq-jedis-worker-0")).as("no plain worker connection").isEmpty();
            }
        }
    }

    private static long lettuceEventLoops() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("lettuce-") && t.getName().contains("EventLoop"))
                .count();
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
