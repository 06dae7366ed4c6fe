package dev.callq.bench.driver;

import dev.callq.bench.env.LocalRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What both parts of the driver contract share: a redis-server of the test class's own, the client's driver
 * opened for each test, queues on keys of the test's own removed after it, and the helpers. The classes of
 * the contract run beside one another, so nothing here is static: one test instance per class holds its Redis.
 */
@Tag("processes")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class QueueDriverContractBase {
    static final int WORKERS = 4;
    static final int RESP_VERSION = 3;

    protected final ClientUnderTest client;
    protected LocalRedis redis;
    protected QueueDriver driver;
    protected RawRedis raw;
    private String keyPrefix;
    private final List<QueueSpec> specsUsed = new ArrayList<>();

    QueueDriverContractBase(ClientUnderTest client) {
        this.client = client;
    }

    @BeforeAll
    void startRedis(@TempDir Path runDir) {
        redis = LocalRedis.start(runDir);
    }

    @AfterAll
    void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    @BeforeEach
    void openDriver(TestInfo test) {
        driver = client.open(settings(RESP_VERSION));
        raw = new RawRedis(redis.endpoint());
        keyPrefix = "test:" + driver.name() + ":" + test.getTestMethod().orElseThrow().getName()
                + ":" + Integer.toHexString(test.getDisplayName().hashCode()) + ":";
    }

    @AfterEach
    void removeKeysAndClose() {
        for (QueueSpec spec : specsUsed) {
            raw.call("DEL", spec.key());
            for (int workerId = 0; workerId < WORKERS; workerId++) {
                raw.call("DEL", spec.processingKey(workerId));
            }
        }
        specsUsed.clear();
        raw.close();
        driver.close();
    }

    /** Client timeouts above the longest pop timeout the tests use. */
    ClientSettings settings(int respVersion) {
        Duration longestPop = client.supportedPatterns().stream().map(client::popTimeout).max(Duration::compareTo)
                .orElseThrow();
        return ClientSettings.forQueue(redis.endpoint(), respVersion, QueueSpec.blpop("unused", longestPop));
    }

    Duration popTimeout(QueuePattern pattern) {
        return client.popTimeout(pattern);
    }

    /** A queue on a key of this test's own, removed after it; the test is skipped where the client lacks the pattern. */
    QueueSpec newQueue(QueuePattern pattern, int batchSize) {
        return newQueue(pattern, batchSize, popTimeout(pattern));
    }

    /** A queue as {@link #newQueue(QueuePattern, int)}, whose pops wait up to {@code popTimeout}. */
    QueueSpec newQueue(QueuePattern pattern, int batchSize, Duration popTimeout) {
        assumeTrue(client.supportedPatterns().contains(pattern), driver.name() + " cannot express " + pattern.cliName());
        QueueSpec spec = new QueueSpec(keyPrefix + pattern.cliName(), pattern, popTimeout, batchSize);
        specsUsed.add(spec);
        return spec;
    }

    /** A new queue, empty and with its consumer group made. */
    QueueSpec resetQueue(QueuePattern pattern, int batchSize) {
        QueueSpec spec = newQueue(pattern, batchSize);
        try (QueueAdmin admin = driver.createAdmin()) {
            admin.reset(spec, WORKERS);
        }
        return spec;
    }

    static List<String> payloads(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "{\"ci\":\"call-" + i + "\"}").toList();
    }

    /** The connection of {@code role} as CLIENT LIST names it. */
    String connectionName(QueueDriver opened, String role) {
        return QueueDriver.clientName(opened.name(), client.namesEachConnection() ? role : "pool");
    }

    /**
     * Waits until Redis reports the named connection blocked in a pop (flag "b"); for a pooled client,
     * whose connections share one name, until at least {@code blockedOfPool} of them are.
     */
    void awaitBlockedOnServer(QueueDriver opened, String role, int blockedOfPool) throws InterruptedException {
        String name = connectionName(opened, role);
        int needed = client.namesEachConnection() ? 1 : blockedOfPool;
        long deadlineNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (System.nanoTime() < deadlineNanos) {
            if (raw.clientListLines(name).stream().filter(line -> line.matches(".* flags=[A-Za-z]*b[A-Za-z]* .*")).count()
                    >= needed) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError(name + " never blocked on the server: " + raw.clientListLines(name));
    }
}
