package dev.callq.bench.run;

import dev.callq.bench.driver.PayloadSink;
import dev.callq.bench.driver.QueueConsumer;
import dev.callq.bench.driver.QueueDriver;
import dev.callq.bench.driver.QueueSpec;
import dev.callq.bench.driver.ReplyStamp;
import dev.callq.bench.env.BlockedPops;
import dev.callq.bench.env.RedisEndpoint;
import dev.callq.bench.fault.CrashableWorkers;
import dev.callq.bench.measure.ThreadCpu;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * N worker threads, each polling the queue on a connection of its own until told to stop. A worker
 * notices the stop request at its pop's end: at once when Redis wakes its blocked pop ({@link BlockedPops}),
 * within one pop timeout otherwise, because every pop is bounded.
 */
public final class WorkerPool implements AutoCloseable, CrashableWorkers {
    private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);
    private static final Duration ERROR_BACKOFF = Duration.ofMillis(100);

    private final List<Thread> threads = new ArrayList<>();
    private final List<QueueConsumer> consumers = new ArrayList<>();
    private final LongAdder pollErrors = new LongAdder();
    private final LongAdder acknowledgementsFailed = new LongAdder();
    private final Duration popTimeout;
    private final BlockedPops blockedPops;
    /** How long {@link #close} waits for its workers before it wakes their pops again. */
    private static final Duration WAKE_AGAIN = Duration.ofMillis(20);
    private volatile boolean running = true;
    private boolean closed;
    /** How long {@link #abandon} waits for the workers once their connections are closed. */
    private static final Duration ABANDON_WAIT = Duration.ofMillis(500);
    private volatile String firstError;
    /** Workers still to die at their next pop (a consumer-crash fault), and the events each took with it. */
    private final AtomicInteger crashesAsked = new AtomicInteger();
    private final LongAdder eventsLostInCrashes = new LongAdder();
    private volatile CountDownLatch crashesDone = new CountDownLatch(0);

    /**
     * @param server the Redis the workers pop from, reached directly (not through a fault's proxy), for
     *               {@link #close} to wake their blocked pops
     */
    public WorkerPool(QueueDriver driver, QueueSpec spec, int workers, PayloadSink sink, RedisEndpoint server) {
        this.popTimeout = spec.popTimeout();
        this.blockedPops = new BlockedPops(server, driver.clientNamePrefix());
        try {
            for (int id = 0; id < workers; id++) {
                consumers.add(driver.createConsumer(spec, id));
            }
        } catch (RuntimeException e) {
            consumers.forEach(QueueConsumer::close);
            throw e;
        }
        for (int id = 0; id < workers; id++) {
            QueueConsumer consumer = consumers.get(id);
            WorkerSink crashable = new WorkerSink(sink);
            Thread thread = new Thread(() -> {
                try {
                    pollUntilStopped(consumer, crashable);
                } finally {
                    ThreadCpu.beforeExit();  // a worker that crashes mid-run still counts in the run's cost
                }
            }, driver.name() + "-worker-" + id);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
    }

    private void pollUntilStopped(QueueConsumer consumer, WorkerSink sink) {
        while (running) {
            try {
                sink.handedOver = false;
                consumer.poll(sink);
            } catch (WorkerCrashed crashed) {
                // The worker's connection goes with it, as a killed process's would: nothing is acknowledged.
                consumer.close();
                log.warn("{}: crashed on purpose (consumer-crash) holding a popped event", Thread.currentThread().getName());
                crashesDone.countDown();
                return;
            } catch (RuntimeException e) {
                // A worker outlives a failed pop (Redis restarting, a timeout): count it and go on.
                pollErrors.increment();
                if (sink.handedOver) {
                    acknowledgementsFailed.increment();
                }
                if (firstError == null) {
                    firstError = e.toString();
                    log.warn("{}: pop failed ({}); further failures are counted", Thread.currentThread().getName(),
                            e.toString());
                }
                sleep(ERROR_BACKOFF);
            }
        }
    }

    /** The worker threads, for their CPU and allocation counters; read them before {@link #close()}. */
    List<Thread> threads() {
        return List.copyOf(threads);
    }

    @Override
    public long crash(int workers, java.time.Duration timeout) {
        crashesDone = new CountDownLatch(workers);
        crashesAsked.addAndGet(workers);
        try {
            crashesDone.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return eventsLostInCrashes.sum();
    }

    private boolean takeCrash() {
        int asked;
        do {
            asked = crashesAsked.get();
            if (asked <= 0) {
                return false;
            }
        } while (!crashesAsked.compareAndSet(asked, asked - 1));
        return true;
    }

    /**
     * One worker's sink: dies at its pop when a crash is asked for, and notes whether this poll's events were
     * handed over, so that a failure after it is known to be the acknowledgement's. Used by its worker's thread.
     */
    private final class WorkerSink implements PayloadSink {
        private final PayloadSink sink;
        private boolean handedOver;

        WorkerSink(PayloadSink sink) {
            this.sink = sink;
        }

        @Override
        public void accept(List<String> payloads) {
            accept(payloads, ReplyStamp.NONE);
        }

        @Override
        public void accept(List<String> payloads, long replyArrivedMicros) {
            if (takeCrash()) {
                // After its pop, before its work: the events die with the worker, unacknowledged.
                eventsLostInCrashes.add(payloads.size());
                throw new WorkerCrashed();
            }
            // The reply's arrival goes on with the payloads: the latency split needs it.
            sink.accept(payloads, replyArrivedMicros);
            handedOver = true;
        }
    }

    /** Thrown through the driver's pop so that it acknowledges nothing. */
    private static final class WorkerCrashed extends RuntimeException {
        WorkerCrashed() {
            super("worker crashed on purpose", null, false, false);
        }
    }

    public long pollErrors() {
        return pollErrors.sum();
    }

    /**
     * Polls that failed after handing their events over: their acknowledgement (LREM, XACK) failed, and may or
     * may not have reached Redis.
     */
    long acknowledgementsFailed() {
        return acknowledgementsFailed.sum();
    }

    public String firstError() {
        return firstError;
    }

    /**
     * Stops the workers without waiting on Redis (gone, or callq stopping): each worker is interrupted,
     * which ends a pop waiting on a silent Redis (a blocked Lettuce call gives up at once), gets a moment to
     * stop, and its connection is closed.
     */
    public void abandon() {
        if (closed) {
            return;
        }
        closed = true;
        running = false;
        threads.forEach(Thread::interrupt);
        long deadlineNanos = System.nanoTime() + ABANDON_WAIT.toNanos();
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        consumers.forEach(QueueConsumer::close);
    }

    /**
     * Stops every worker and closes its connection; returns once all have stopped. A worker blocked in its pop
     * is woken (the pop returns nothing, as at its timeout), and woken again while it has not stopped: a pop
     * sent just after a wake would otherwise wait out its timeout.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        running = false;
        long deadlineNanos = System.nanoTime() + popTimeout.plusSeconds(3).toNanos();
        try (blockedPops) {
            for (Thread thread : threads) {
                long leftMillis;
                while (thread.isAlive() && (leftMillis = (deadlineNanos - System.nanoTime()) / 1_000_000L) > 0) {
                    boolean waking = blockedPops.wake() >= 0;
                    thread.join(waking ? Math.min(WAKE_AGAIN.toMillis(), leftMillis) : leftMillis);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumers.forEach(QueueConsumer::close);
        for (Thread thread : threads) {
            if (thread.isAlive()) {
                log.warn("{} did not stop within the pop timeout plus 3 s", thread.getName());
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
