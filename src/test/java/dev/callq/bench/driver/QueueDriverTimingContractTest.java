package dev.callq.bench.driver;

import dev.callq.bench.HarnessException;
import dev.callq.bench.env.FreePorts;
import dev.callq.bench.env.RedisEndpoint;
import dev.callq.bench.netem.NetworkProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The part of the {@link QueueDriver} contract that reads a clock: a pop on an empty queue ends at its timeout,
 * a close ends a blocked pop within it, a pop against a server that stopped answering fails at the client
 * timeout, a refused connection fails at once. Its margins are tenths of a second, so it runs alone; the rest of
 * the contract is {@link QueueDriverContractTest}. A subclass per client only names its {@link ClientUnderTest}.
 */
@Isolated("it times pops, closes and failures against the pop and client timeouts within 50–500 ms")
abstract class QueueDriverTimingContractTest extends QueueDriverContractBase {
    /** Room for scheduling and Redis's timeout handling on a busy two-core machine. */
    private static final Duration CLOSE_MARGIN = Duration.ofMillis(500);

    QueueDriverTimingContractTest(ClientUnderTest client) {
        super(client);
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
            assertThat(elapsed).isBetween(spec.popTimeout().minusMillis(50), spec.popTimeout().plus(CLOSE_MARGIN));
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

            assertThat(closeElapsed).isLessThan(spec.popTimeout().plus(CLOSE_MARGIN));
            assertThat(poll.get(CLOSE_MARGIN.toMillis(), TimeUnit.MILLISECONDS)).isZero();
            assertThat(consumer.poll(payloads -> { })).as("poll after close").isZero();
        } finally {
            pollThread.shutdownNow();
        }
    }

    @Test
    void driverCloseFinishesConsumersLeftBlockedInPopWithinPopTimeout() throws Exception {
        QueueSpec spec = resetQueue(QueuePattern.BLPOP, 1);
        QueueDriver closing = client.open(settings(RESP_VERSION));
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

            assertThat(closeElapsed).isLessThan(spec.popTimeout().plus(CLOSE_MARGIN));
            for (Future<Integer> poll : polls) {
                assertThat(poll.get(CLOSE_MARGIN.toMillis(), TimeUnit.MILLISECONDS)).isZero();
            }
        } finally {
            pollThreads.shutdownNow();
        }
    }

    /**
     * A server that stops answering must fail the pop once the client timeout runs out, not hang the worker
     * forever (jedis issue 2217). Here a partition in the network proxy leaves the connection open and silent,
     * as a dead TCP link does. It heals by itself only after the longest the test allows, so that a client that
     * never times out sees its pop come back empty and fails the test rather than hanging it; a client that
     * passes has its link cut at once, where a paused server (CLIENT PAUSE) had to be waited out.
     */
    @Test
    void popAgainstUnresponsiveServerFailsWithinClientTimeout() {
        QueueSpec spec = resetQueue(QueuePattern.BLPOP, 1);
        Duration clientTimeout = spec.popTimeout().plusMillis(300);
        Duration bound = client.unansweredPopBound(clientTimeout);
        Duration partition = bound.plus(CLOSE_MARGIN).plusMillis(200);
        ScheduledExecutorService healer = Executors.newSingleThreadScheduledExecutor();
        try (NetworkProxy link = NetworkProxy.start(redis.endpoint());
             QueueDriver impatient = client.open(new ClientSettings(link.endpoint(), RESP_VERSION, clientTimeout));
             QueueConsumer consumer = impatient.createConsumer(spec, 0)) {
            link.blackhole(true);
            healer.schedule(() -> link.blackhole(false), partition.toMillis(), TimeUnit.MILLISECONDS);
            long startNanos = System.nanoTime();

            assertThatThrownBy(() -> consumer.poll(payloads -> { })).isInstanceOf(RuntimeException.class);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);

            assertThat(elapsed).isBetween(bound.minusMillis(50), bound.plus(CLOSE_MARGIN));
            healer.shutdownNow();
            link.close();
        } finally {
            healer.shutdownNow();
        }
    }

    @Test
    void unreachableRedisFailsWithOneLineHarnessException() {
        RedisEndpoint nobodyListens = new RedisEndpoint(FreePorts.LOOPBACK, FreePorts.find());
        long startNanos = System.nanoTime();

        assertThatThrownBy(() -> client.open(new ClientSettings(nobodyListens, RESP_VERSION, Duration.ofSeconds(2))))
                .isInstanceOf(HarnessException.class)
                .hasMessage("Redis at " + nobodyListens + " is unreachable: Connection refused");
        assertThat(Duration.ofNanos(System.nanoTime() - startNanos)).isLessThan(Duration.ofSeconds(2));
    }
}
