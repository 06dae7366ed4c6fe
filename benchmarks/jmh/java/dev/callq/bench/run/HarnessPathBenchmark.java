package dev.callq.bench.run;

import dev.callq.bench.event.CallEvent;
import dev.callq.bench.event.EventKind;
import dev.callq.bench.event.PayloadFormat;
import dev.callq.bench.measure.DeferredLatencies;
import dev.callq.bench.measure.EventLedger;
import dev.callq.bench.measure.Recorders;
import dev.callq.bench.measure.WallClock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One event's path through the harness alone, with the client replaced by an in-memory source of payloads:
 * what a worker pays per event after its pop returns (the dequeue stamp, decoding the JSON payload, the
 * ledger's accounting by identity, the latency recorders), so that the harness's own cost per event is a
 * number apart from the client's. It lives in package {@code run} because {@link EventHandler} is that
 * package's own.
 * <p>
 * Each thread hands over payloads with Call-IDs of their own (a lane each, as the synthetic producer's), and
 * every iteration starts a fresh ledger, so that the events are new to it. The payloads are made once before
 * the trial, so that making them is not measured. {@code oneWorker} is the cost on
 * its own; {@code twoWorkers} adds what the shared counters, sets and recorders cost when two workers hit them
 * at once, as on this project's 2-core machines.
 * <p>
 * HOW TO RUN: {@code ./callq jmh HarnessPathBenchmark} (add {@code --quick} for a smoke run); with
 * {@code -prof gc} through the JMH jar, gc.alloc.rate.norm is the bytes allocated per event.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HarnessPathBenchmark {
    /** About 150 MB of payloads per thread: an iteration that hands over more sees duplicates (see {@link Source}). */
    private static final int PAYLOADS_PER_THREAD = 1 << 20;

    private final AtomicInteger lanes = new AtomicInteger();
    private EventHandler handler;

    @Setup(Level.Iteration)
    public void freshLedger() {
        handler = new EventHandler(PayloadFormat.JSON, Recorders.create(), new EventLedger(), new DeferredLatencies(),
                () -> { }, false);
    }

    /** One worker's payloads, stamped a moment ago as a producer on the same host would. */
    @State(Scope.Thread)
    public static class Source {
        private String[] payloads;
        private int next;

        @Setup(Level.Trial)
        public void fill(HarnessPathBenchmark benchmark) {
            int lane = benchmark.lanes.getAndIncrement();
            payloads = new String[PAYLOADS_PER_THREAD];
            long stampMicros = WallClock.nowMicros();
            for (int i = 0; i < payloads.length; i++) {
                payloads[i] = PayloadFormat.JSON.encode(new CallEvent("syn-" + lane + "-" + i, EventKind.INVITE,
                        stampMicros + i / 1000));
            }
        }

        @Setup(Level.Iteration)
        public void rewind() {
            next = 0;
        }

        List<String> nextPayload() {
            // Past the end the Call-IDs repeat and count as duplicates, which costs the ledger about what a
            // first sighting does (one set looked up, one added to).
            String payload = payloads[next];
            next = next + 1 == payloads.length ? 0 : next + 1;
            return List.of(payload);
        }
    }

    @Benchmark
    @Threads(1)
    public void oneWorker(Source source) {
        handOver(source);
    }

    @Benchmark
    @Threads(2)
    public void twoWorkers(Source source) {
        handOver(source);
    }

    /** As a Jedis worker's pop does: one payload, with the time its reply reached the socket. */
    private void handOver(Source source) {
        handler.accept(source.nextPayload(), WallClock.nowMicros());
    }
}
