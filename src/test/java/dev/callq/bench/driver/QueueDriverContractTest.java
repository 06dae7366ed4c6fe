package dev.callq.bench.driver;

import dev.callq.bench.HarnessException;
import dev.callq.bench.env.BlockedPops;
import dev.callq.bench.env.RedisErrorClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract every {@link QueueDriver} keeps, run against a real redis-server, except what it times
 * ({@link QueueDriverTimingContractTest}): order, exactly-once delivery, recovery, backlog, refusals and
 * what the driver reports. No assertion here reads a clock, so these classes run beside others; a wait
 * only bounds a test that would otherwise hang. A subclass per client only names its {@link ClientUnderTest}.
 */
abstract class QueueDriverContractTest extends QueueDriverContractBase {
    /**
     * Only ends a hung test, and asserts nothing by itself: Redisson's 10,000 events took 3 to 16 s with the class
     * alone on a busy two-core machine, too close to 20 s for a class that runs beside others.
     */
    private static final Duration DRAIN_DEADLINE = Duration.ofSeconds(60);

    QueueDriverContractTest(ClientUnderTest client) {
        super(client);
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

    /**
     * A stopping run wakes its workers' blocked pops ({@link BlockedPops}: CLIENT UNBLOCK with TIMEOUT): the pop
     * returns as at its timeout, long before it, having taken nothing, and the next pop takes the next event.
     * The 20 s pop timeout only tells a woken pop from one that timed out.
     */
    @ParameterizedTest
    @EnumSource(QueuePattern.class)
    void aPopRedisWakesReturnsNothingAndTheNextPopTakesTheNextEvent(QueuePattern pattern) throws Exception {
        QueueSpec spec = newQueue(pattern, 10, Duration.ofSeconds(20));
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try (QueueDriver longPops = client.open(ClientSettings.forQueue(redis.endpoint(), RESP_VERSION, spec));
             QueueAdmin admin = longPops.createAdmin();
             QueueConsumer consumer = longPops.createConsumer(spec, 0);
             BlockedPops blocked = new BlockedPops(redis.endpoint(), longPops.clientNamePrefix())) {
            admin.reset(spec, WORKERS);
            List<String> handed = new CopyOnWriteArrayList<>();
            Future<Integer> pop = worker.submit(() -> consumer.poll(handed::addAll));
            awaitBlockedOnServer(longPops, "worker-0", 1);

            assertThat(blocked.wake()).isEqualTo(1);
            assertThat(pop.get(10, TimeUnit.SECONDS)).isZero();
            assertThat(handed).isEmpty();

            try (QueueProducer producer = longPops.createProducer(spec)) {
                producer.push(payloads(0, 1));
            }
            assertThat(admin.backlog(spec)).as("the event waits: no pop of the woken one lingers").isEqualTo(1);
            assertThat(worker.submit(() -> consumer.poll(handed::addAll)).get(10, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(handed).containsExactlyElementsOf(payloads(0, 1));
        } finally {
            worker.shutdownNow();
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
        try (QueueDriver pinned = client.open(settings(respVersion));
             QueueAdmin admin = pinned.createAdmin()) {
            for (QueuePattern pattern : client.supportedPatterns()) {
                QueueSpec spec = newQueue(pattern, 2);
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
        try (QueueDriver pinned = client.open(settings(respVersion))) {
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
        Optional<String> transport = client.expectedTransport();
        if (transport.isPresent()) {
            assertThat(driver.describe()).containsEntry("transport", transport.get());
        } else {
            assertThat(driver.describe()).doesNotContainKey("transport");
        }
    }

    @Test
    void consumerWhoseClientTimeoutDoesNotExceedPopTimeoutIsRefused() {
        QueueSpec spec = resetQueue(QueuePattern.BLPOP, 1);
        try (QueueDriver hasty = client.open(new ClientSettings(redis.endpoint(), RESP_VERSION, spec.popTimeout()))) {
            assertThatThrownBy(() -> hasty.createConsumer(spec, 0))
                    .isInstanceOf(HarnessException.class)
                    .hasMessageContaining("must exceed the pop timeout");
        }
    }

    // ---- helpers

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
