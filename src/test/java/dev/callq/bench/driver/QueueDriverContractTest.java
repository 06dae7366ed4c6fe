package dev.callq.bench.driver;

import dev.callq.bench.HarnessException;
import dev.callq.bench.env.FreePorts;
import dev.callq.bench.env.LocalRedis;
import dev.callq.bench.env.RedisEndpoint;
import dev.callq.bench.env.RedisErrorClass;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The contract every {@link QueueDriver} keeps, run against a real redis-server. A subclass per
 * client only says how to build its driver. Each test works on keys of its own and removes them.
 */
@Isolated("it times pops and closes against the pop timeout within 50–500 ms")
@Tag("processes")
abstract class QueueDriverContractTest {
    private static final Duration DEFAULT_POP_TIMEOUT = Duration.ofMillis(300);
    /** Room for scheduling and Redis's timeout handling on a busy two-core machine. */
    private static final Duration CLOSE_MARGIN = Duration.ofMillis(500);
    private static final Duration DRAIN_DEADLINE = Duration.ofSeconds(20);
    private static final int WORKERS = 4;
    private static final int RESP_VERSION = 3;

    @TempDir
    static Path runDir;
    private static LocalRedis redis;

    private QueueDriver driver;
    private RawRedis raw;
    private String keyPrefix;
    private final List<QueueSpec> specsUsed = new ArrayList<>();

    /** Opens the client under test. */
    protected abstract QueueDriver open(ClientSettings settings);

    /** The Netty transport the driver must report, when the client has one. */
    protected abstract Optional<String> expectedTransport();

    /** The pop timeout the tests use: short, unless the client's pops take coarser timeouts. */
    protected Duration popTimeout() {
        return DEFAULT_POP_TIMEOUT;
    }

    /** The patterns the client can express; the tests of the others are skipped for it. */
    protected Set<QueuePattern> supportedPatterns() {
        return EnumSet.allOf(QueuePattern.class);
    }

    /**
     * Whether each worker's connection has a name of its own ({@code callq-<client>-worker-<id>}) in
     * CLIENT LIST; a pooled client names every connection {@code callq-<client>}.
     */
    protected boolean namesEachConnection() {
        return true;
    }

    /** How long a pop against a server that stopped answering may take before it fails. */
    protected Duration unansweredPopBound(Duration clientTimeout) {
        return clientTimeout;
    }

    @BeforeAll
    static void startRedis() {
        redis = LocalRedis.start(runDir);
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    @BeforeEach
    void openDriver(TestInfo test) {
        driver = open(settings(RESP_VERSION));
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
        raw.close();
        driver.close();
    }

    /**
     * send() writes without waiting and its replies are read on another thread, in the order sent: each payload is
     * reported exactly once; a push Redis refuses (RPUSH on a key that holds a string: WRONGTYPE) fails with
     * Redis's own error, and the connection goes on, so that the pushes after it are stored, in order.
     */
    @Test
    void sentPushesReportEveryPayloadOnceOnAnotherThreadAndARefusalLeavesTheConnectionUsable() throws Exception {
        QueueSpec spec = resetQueue(QueuePattern.BLPOP, 1);
        List<String> pushed = payloads(0, 30);
        ExecutorService replyReader = Executors.newSingleThreadExecutor();
        try (QueueProducer producer = driver.createProducer(spec)) {
            raw.call("SET", spec.key(), "not a list");
            List<SentPush> refused = List.of(producer.send(pushed.subList(0, 5)), producer.send(pushed.subList(5, 10)));
            List<String> refusedOutcomes = replyReader.submit(() -> outcomes(refused)).get(10, TimeUnit.SECONDS);
            raw.call("DEL", spec.key());
            List<SentPush> stored = List.of(producer.send(pushed.subList(10, 20)), producer.send(pushed.subList(20, 30)));
            List<String> storedOutcomes = replyReader.submit(() -> outcomes(stored)).get(10, TimeUnit.SECONDS);

            assertThat(refusedOutcomes).containsExactly("0+5 WRONGTYPE", "0+5 WRONGTYPE");
            assertThat(storedOutcomes).containsExactly("0+10 stored", "0+10 stored");
        } finally {
            replyReader.shutdownNow();
        }
        List<String> popped = new ArrayList<>();
        try (QueueConsumer consumer = driver.createConsumer(spec, 0)) {
            while (popped.size() < 20 && consumer.poll(popped::addAll) > 0) {
                // each poll appends what it popped
            }
        }
        assertThat(popped).containsExactlyElementsOf(pushed.subList(10, 30));
    }

    /** "from+count outcome" for each outcome of each push, in order. */
    private static List<String> outcomes(List<SentPush> sent) {
        List<String> outcomes = new ArrayList<>();
        for (SentPush push : sent) {
            push.awaitReplies((from, count, failure) -> outcomes.add(from + "+" + count + " "
                    + (failure == null ? "stored" : RedisErrorClass.of(failure))));
        }
        return outcomes;
    }

    @Test
    void blpopKeepsFifoOrder() {
        QueueSpec spec = resetQueue(QueuePattern.BLPOP, 1);
        List<String> pushed = payloads(0, 200);
        try (QueueProducer producer = driver.createProducer(spec)) {
            producer.push(pushed.subList(0, 100));
            producer.push(pushed.subList(100, 200));
        }
        List<String> popped = new ArrayList<>();
        try (QueueConsumer consumer = driver.createConsumer(spec, 0)) {
            while (popped.size() < pushed.size() && consumer.poll(popped::addAll) > 0) {
                // each poll appends what it popped
            }
        }
        assertThat(popped).containsExactlyElementsOf(pushed);
    }

    @ParameterizedTest
    @EnumSource(QueuePattern.class)
    void popOnEmptyQueueTimesOutAndReturnsZero(QueuePattern pattern) {
        QueueSpec spec = resetQueue(pattern, 10);
        List<List<String>> handed = new ArrayList<>();
        try (QueueConsumer consumer = driver.createConsumer(spec, 0)) {
            long startNanos = System.nanoTime();
            int popped = consumer.poll(handed::add);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);

            assertThat(popped).isZero();
            assertThat(handed).isEmpty();
            // Redis ends a blocking pop no earlier than its timeout; a quick return would mean it never blocked.
            assertThat(elapsed).isBetween(popTimeout().minusMillis(50), popTimeout().plus(CLOSE_MARGIN));
        }
    }

    @ParameterizedTest
    @EnumSource(QueuePattern.class)
    void closeOfConsumerBlockedInPopCompletesWithinPopTimeout(QueuePattern pattern) throws Exception {
        QueueSpec spec = resetQueue(pattern, 10);
        ExecutorService pollThread = Executors.newSingleThreadExecutor();
        try {
            QueueConsumer consumer = driver.createConsumer(spec, 2);
            Future<Integer> poll = pollThread.submit(() -> consumer.poll(payloads -> { }));
            awaitBlockedOnServer(driver, "worker-2", 1);

            long startNanos = System.nanoTime();
            consumer.close();
            Duration closeElapsed = Duration.ofNanos(System.nanoTime() - startNanos);

            assertThat(closeElapsed).isLessThan(popTimeout().plus(CLOSE_MARGIN));
            assertThat(poll.get(CLOSE_MARGIN.toMillis(), TimeUnit.MILLISECONDS)).isZero();
            assertThat(consumer.poll(payloads -> { })).as("poll after close").isZero();
        } finally {
            pollThread.shutdownNow();
        }
    }

    @Test
    void driverCloseFinishesConsumersLeftBlockedInPopWithinPopTimeout() throws Exception {
        QueueSpec spec = resetQueue(QueuePattern.BLPOP, 1);
        QueueDriver closing = open(settings(RESP_VERSION));
        ExecutorService pollThreads = Executors.newFixedThreadPool(WORKERS);
        try {
            List<Future<Integer>> polls = new ArrayList<>();
            AtomicBoolean closed = new AtomicBoolean();
            for (int workerId = 0; workerId < WORKERS; workerId++) {
                QueueConsumer consumer = closing.createConsumer(spec, workerId);
                // Pop again after each timeout, as a worker does, so that every consumer is blocked
                // when close() comes, however slowly this thread gets to check.
                polls.add(pollThreads.submit(() -> {
                    int popped;
                    do {
                        popped = consumer.poll(payloads -> { });
                    } while (popped == 0 && !closed.get());
                    return popped;
                }));
            }
            for (int workerId = 0; workerId < WORKERS; workerId++) {
                awaitBlockedOnServer(closing, "worker-" + workerId, workerId + 1);
            }

            long startNanos = System.nanoTime();
            closing.close();
            Duration closeElapsed = Duration.ofNanos(System.nanoTime() - startNanos);
            closed.set(true);

            assertThat(closeElapsed).isLessThan(popTimeout().plus(CLOSE_MARGIN));
            for (Future<Integer> poll : polls) {
                assertThat(poll.get(CLOSE_MARGIN.toMillis(), TimeUnit.MILLISECONDS)).isZero();
            }
        } finally {
            pollThreads.shutdownNow();
        }
    }

    /**
     * A server that stops answering (here CLIENT PAUSE; in life a dead TCP link) must fail the
     * pop once the client timeout runs out, not hang the worker forever (jedis issue 2217).
     */
    @Test
    void popAgainstUnresponsiveServerFailsWithinClientTimeout() throws Exception {
        Duration clientTimeout = popTimeout().plusMillis(300);
        Duration bound = unansweredPopBound(clientTimeout);
        Duration pause = bound.plus(CLOSE_MARGIN).plusMillis(200);
        QueueSpec spec = resetQueue(QueuePattern.BLPOP, 1);
        try (QueueDriver impatient = open(new ClientSettings(redis.endpoint(), RESP_VERSION, clientTimeout));
             QueueConsumer consumer = impatient.createConsumer(spec, 0)) {
            long pauseEndNanos = System.nanoTime() + pause.toNanos();
            raw.call("CLIENT", "PAUSE", Long.toString(pause.toMillis()), "ALL");
            long startNanos = System.nanoTime();

            assertThatThrownBy(() -> consumer.poll(payloads -> { })).isInstanceOf(RuntimeException.class);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);

            assertThat(elapsed).isBetween(bound.minusMillis(50), bound.plus(CLOSE_MARGIN));
            TimeUnit.NANOSECONDS.sleep(Math.max(0, pauseEndNanos - System.nanoTime()) + 100_000_000L);
        }
    }

    @Test
    void tenThousandPushedArePoppedExactlyOnceByFourConsumers() throws Exception {
        QueueSpec spec = resetQueue(QueuePattern.BLPOP, 1);
        List<String> pushed = payloads(0, 10_000);

        Map<String, Integer> timesPopped = consumeWhilePushing(spec, pushed);

        assertExactlyOnce(timesPopped, pushed);
        try (QueueAdmin admin = driver.createAdmin()) {
            assertThat(admin.backlog(spec)).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(QueuePattern.class)
    void everyPatternHandsEachEventToExactlyOneOfFourWorkers(QueuePattern pattern) throws Exception {
        QueueSpec spec = resetQueue(pattern, 10);
        List<String> pushed = payloads(0, 2_000);

        Map<String, Integer> timesPopped = consumeWhilePushing(spec, pushed);

        assertExactlyOnce(timesPopped, pushed);
        try (QueueAdmin admin = driver.createAdmin()) {
            assertThat(admin.backlog(spec)).as("backlog").isZero();
            assertThat(admin.pending(spec, WORKERS)).as("popped but not acknowledged").isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(value = QueuePattern.class, names = {"RELIABLE", "STREAM"})
    void unacknowledgedEventsCountAsPendingNotBacklog(QueuePattern pattern) {
        QueueSpec spec = resetQueue(pattern, 2);
        try (QueueProducer producer = driver.createProducer(spec);
             QueueConsumer consumer = driver.createConsumer(spec, 1);
             QueueAdmin admin = driver.createAdmin()) {
            producer.push(payloads(0, 3));
            AtomicInteger pendingSeenBySink = new AtomicInteger(-1);
            AtomicInteger backlogSeenBySink = new AtomicInteger(-1);
            int popped = consumer.poll(payloads -> {
                pendingSeenBySink.set((int) admin.pending(spec, WORKERS));
                backlogSeenBySink.set((int) admin.backlog(spec));
            });
            assertThat(pendingSeenBySink.get()).as("pending while the sink runs").isEqualTo(popped);
            assertThat(backlogSeenBySink.get()).as("backlog while the sink runs").isEqualTo(3 - popped);
            assertThat(admin.pending(spec, WORKERS)).as("pending once acknowledged").isZero();
        }
    }

    @Test
    void aDeadWorkersProcessingListIsMovedBackToTheQueueAndConsumed() {
        QueueSpec spec = resetQueue(QueuePattern.RELIABLE, 1);
        // worker 1 took an event and died: its heartbeat has expired (never set here); worker 2 is alive
        raw.call("RPUSH", spec.processingKey(1), "orphaned");
        raw.call("RPUSH", spec.processingKey(2), "in hand");
        raw.call("SET", spec.heartbeatKey(spec.processingKey(2)), "1", "PX", "60000");
        List<String> popped = new ArrayList<>();
        try (QueueConsumer consumer = driver.createConsumer(spec, 0)) {
            consumer.poll(popped::addAll);
        }
        assertThat(popped).containsExactly("orphaned");
        assertThat(raw.call("LLEN", spec.processingKey(1))).isEqualTo(0L);
        assertThat(raw.call("LRANGE", spec.processingKey(2), "0", "-1")).isEqualTo(List.of("in hand"));
        raw.call("DEL", spec.heartbeatKey(spec.processingKey(2)), spec.heartbeatKey(spec.processingKey(0)));
    }

    @Test
    void aPendingStreamEntryOfADeadConsumerIsClaimedByALiveOne() {
        QueueSpec spec = resetQueue(QueuePattern.STREAM, 10);
        try (QueueProducer producer = driver.createProducer(spec)) {
            producer.push(List.of("orphaned"));
        }
        // a consumer read it and died before its XACK; IDLE makes the entry look idle past the bound
        List<?> read = (List<?>) raw.call("XREADGROUP", "GROUP", spec.groupName(), "dead", "COUNT", "1", "STREAMS",
                spec.key(), ">");
        String id = (String) ((List<?>) ((List<?>) ((List<?>) read.get(0)).get(1)).get(0)).get(0);
        raw.call("XCLAIM", spec.key(), spec.groupName(), "dead", "0", id, "IDLE",
                Long.toString(spec.recoveryAfter().toMillis() + 1_000));
        List<String> popped = new ArrayList<>();
        try (QueueConsumer consumer = driver.createConsumer(spec, 0)) {
            assertThat(consumer.poll(popped::addAll)).isEqualTo(1);
        }
        assertThat(popped).containsExactly("orphaned");
        assertThat(((List<?>) raw.call("XPENDING", spec.key(), spec.groupName())).get(0)).isEqualTo(0L);
    }

    /**
     * A live worker (its heartbeat fresh) whose connection broke after Redis moved an event into its processing
     * list: its next start, or its next poll after the failure, delivers that event again.
     */
    @Test
    void aLiveWorkerTakesBackItsOwnProcessingList() {
        QueueSpec spec = resetQueue(QueuePattern.RELIABLE, 1);
        raw.call("RPUSH", spec.processingKey(0), "cut off");
        raw.call("SET", spec.heartbeatKey(spec.processingKey(0)), "1", "PX", "60000");
        List<String> popped = new ArrayList<>();
        try (QueueConsumer consumer = driver.createConsumer(spec, 0)) {
            assertThat(consumer.poll(popped::addAll)).isEqualTo(1);
        }
        assertThat(popped).containsExactly("cut off");
        assertThat(raw.call("LLEN", spec.processingKey(0))).isEqualTo(0L);
        raw.call("DEL", spec.heartbeatKey(spec.processingKey(0)));
    }

    /** The same for a stream: an entry delivered to this worker's consumer and never acknowledged, not yet idle. */
    @Test
    void aStreamConsumerReadsItsOwnPendingEntriesAgain() {
        QueueSpec spec = resetQueue(QueuePattern.STREAM, 10);
        try (QueueProducer producer = driver.createProducer(spec)) {
            producer.push(List.of("cut off"));
        }
        raw.call("XREADGROUP", "GROUP", spec.groupName(), "consumer-0", "COUNT", "1", "STREAMS", spec.key(), ">");
        List<String> popped = new ArrayList<>();
        try (QueueConsumer consumer = driver.createConsumer(spec, 0)) {
            assertThat(consumer.poll(popped::addAll)).isEqualTo(1);
        }
        assertThat(popped).containsExactly("cut off");
        assertThat(((List<?>) raw.call("XPENDING", spec.key(), spec.groupName())).get(0)).isEqualTo(0L);
    }

    /**
     * A push Redis answers with an error fails, also when its XADDs go in one pipeline: a pipeline's replies
     * are read without raising their errors, so XADDs a restarted Redis refused (LOADING) counted as
     * acknowledged. Here the key holds a string, and Redis refuses each XADD with WRONGTYPE.
     */
    @Test
    void aStreamPushRedisRefusesFails() {
        QueueSpec spec = resetQueue(QueuePattern.STREAM, 10);
        raw.call("DEL", spec.key());
        raw.call("SET", spec.key(), "not a stream");
        try (QueueProducer producer = driver.createProducer(spec)) {
            assertThatThrownBy(() -> producer.push(payloads(0, 3))).hasMessageContaining("WRONGTYPE");
        }
    }

    /** Lettuce hands XINFO GROUPS back in a different shape under RESP2 and RESP3, hence both. */
    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void backlogCountsEventsNotYetPoppedInEveryPattern(int respVersion) {
        try (QueueDriver pinned = open(settings(respVersion));
             QueueAdmin admin = pinned.createAdmin()) {
            for (QueuePattern pattern : supportedPatterns()) {
                QueueSpec spec = new QueueSpec(keyPrefix + pattern.cliName(), pattern, popTimeout(), 2);
                specsUsed.add(spec);
                try (QueueProducer producer = pinned.createProducer(spec);
                     QueueConsumer consumer = pinned.createConsumer(spec, 0)) {
                    admin.reset(spec, WORKERS);
                    assertThat(admin.backlog(spec)).as(pattern + " after reset").isZero();
                    producer.push(payloads(0, 5));
                    assertThat(admin.backlog(spec)).as(pattern + " after pushing 5").isEqualTo(5);
                    int popped = consumer.poll(payloads -> { });
                    assertThat(admin.backlog(spec)).as(pattern + " after popping " + popped).isEqualTo(5 - popped);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void describeReportsThePinnedRespVersionAndTheServerAgrees(int respVersion) {
        try (QueueDriver pinned = open(settings(respVersion))) {
            Map<String, String> description = pinned.describe();
            assertThat(description)
                    .containsEntry("client", pinned.name())
                    .containsEntry("resp", "RESP" + respVersion);
            assertThat(description.get("version")).matches("\\d+\\.\\d+\\.\\d+.*");

            QueueSpec spec = resetQueue(QueuePattern.BLPOP, 1);
            try (QueueConsumer consumer = pinned.createConsumer(spec, 3)) {
                // A pooled client's connections share their name with those of the test's other driver,
                // pinned to RESP3: one of them at least must speak the version asked for.
                List<String> connections = raw.clientListLines(connectionName(pinned, "worker-3"));
                assertThat(connections).as("the worker's connection in CLIENT LIST").isNotEmpty();
                assertThat(connections).anySatisfy(line -> assertThat(line).contains(" resp=" + respVersion));
            }
        }
    }

    @Test
    void describeReportsTheNettyTransportInUse() {
        Optional<String> transport = expectedTransport();
        if (transport.isPresent()) {
            assertThat(driver.describe()).containsEntry("transport", transport.get());
        } else {
            assertThat(driver.describe()).doesNotContainKey("transport");
        }
    }

    @Test
    void consumerWhoseClientTimeoutDoesNotExceedPopTimeoutIsRefused() {
        QueueSpec spec = resetQueue(QueuePattern.BLPOP, 1);
        try (QueueDriver hasty = open(new ClientSettings(redis.endpoint(), RESP_VERSION, popTimeout()))) {
            assertThatThrownBy(() -> hasty.createConsumer(spec, 0))
                    .isInstanceOf(HarnessException.class)
                    .hasMessageContaining("must exceed the pop timeout");
        }
    }

    @Test
    void unreachableRedisFailsWithOneLineHarnessException() {
        RedisEndpoint nobodyListens = new RedisEndpoint(FreePorts.LOOPBACK, FreePorts.find());
        long startNanos = System.nanoTime();

        assertThatThrownBy(() -> open(new ClientSettings(nobodyListens, RESP_VERSION, Duration.ofSeconds(2))))
                .isInstanceOf(HarnessException.class)
                .hasMessage("Redis at " + nobodyListens + " is unreachable: Connection refused");
        assertThat(Duration.ofNanos(System.nanoTime() - startNanos)).isLessThan(Duration.ofSeconds(2));
    }

    // ---- helpers

    private ClientSettings settings(int respVersion) {
        return ClientSettings.forQueue(redis.endpoint(), respVersion, QueueSpec.blpop("unused", popTimeout()));
    }

    private QueueSpec resetQueue(QueuePattern pattern, int batchSize) {
        assumeTrue(supportedPatterns().contains(pattern), driver.name() + " cannot express " + pattern.cliName());
        QueueSpec spec = new QueueSpec(keyPrefix + pattern.cliName(), pattern, popTimeout(), batchSize);
        try (QueueAdmin admin = driver.createAdmin()) {
            admin.reset(spec, WORKERS);
        }
        specsUsed.add(spec);
        return spec;
    }

    private static List<String> payloads(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "{\"ci\":\"call-" + i + "\"}").toList();
    }

    /** The connection of {@code role} as CLIENT LIST names it. */
    private String connectionName(QueueDriver client, String role) {
        return "callq-" + client.name() + (namesEachConnection() ? "-" + role : "");
    }

    /**
     * Waits until Redis reports the named connection blocked in a pop (flag "b"); for a pooled client,
     * whose connections share one name, until at least {@code blockedOfPool} of them are.
     */
    private void awaitBlockedOnServer(QueueDriver client, String role, int blockedOfPool) throws InterruptedException {
        String name = connectionName(client, role);
        int needed = namesEachConnection() ? 1 : blockedOfPool;
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

    /**
     * Runs {@value #WORKERS} workers, each on its own consumer, while a producer pushes in batches
     * of 100; returns how many times each payload reached a sink.
     */
    private Map<String, Integer> consumeWhilePushing(QueueSpec spec, List<String> pushed) throws Exception {
        Map<String, Integer> timesPopped = new ConcurrentHashMap<>();
        AtomicInteger handed = new AtomicInteger();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        long deadlineNanos = System.nanoTime() + DRAIN_DEADLINE.toNanos();
        ExecutorService threads = Executors.newFixedThreadPool(WORKERS + 1);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int workerId = 0; workerId < WORKERS; workerId++) {
                QueueConsumer consumer = driver.createConsumer(spec, workerId);
                running.add(threads.submit(() -> {
                    try (consumer) {
                        while (handed.get() < pushed.size() && System.nanoTime() < deadlineNanos) {
                            consumer.poll(payloads -> {
                                payloads.forEach(p -> timesPopped.merge(p, 1, Integer::sum));
                                handed.addAndGet(payloads.size());
                            });
                        }
                    } catch (Throwable t) {
                        failures.add(t);
                    }
                }));
            }
            running.add(threads.submit(() -> {
                try (QueueProducer producer = driver.createProducer(spec)) {
                    for (int from = 0; from < pushed.size(); from += 100) {
                        producer.push(pushed.subList(from, Math.min(from + 100, pushed.size())));
                    }
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
            for (Future<?> future : running) {
                future.get(DRAIN_DEADLINE.toSeconds() + 5, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(failures).isEmpty();
        return timesPopped;
    }

    private static void assertExactlyOnce(Map<String, Integer> timesPopped, List<String> pushed) {
        assertThat(timesPopped.keySet()).containsExactlyInAnyOrderElementsOf(pushed);
        assertThat(timesPopped.values()).allMatch(times -> times == 1, "popped exactly once");
    }
}
