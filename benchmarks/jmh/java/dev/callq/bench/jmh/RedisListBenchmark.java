package dev.callq.bench.jmh;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The two Redis operations the pipeline is made of, through the harness's own drivers, against a
 * redis-server on loopback. Both clients run the same code path; only {@code client} differs.
 *
 * <p>HOW TO RUN THIS TEST: {@code ./callq jmh RedisListBenchmark}, or
 * {@code java -jar target/callq-bench.jar jmh 'RedisListBenchmark.pipelinedRpush' --quick}.
 */
public class RedisListBenchmark {

    /**
     * One event pushed by the producer and popped by the consumer, each on its own connection: two
     * loopback round trips, so this is mostly client and server overhead per command. The list is
     * empty before and after each call, so BLPOP never blocks.
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public List<String> roundTripRpushBlpop(QueueClientState queue) {
        queue.producer.push(List.of(queue.payload));
        int count = queue.consumer.poll(queue.keepPopped);
        if (count != 1) {
            throw new IllegalStateException("BLPOP returned " + count + " events right after an RPUSH of one");
        }
        return queue.popped;
    }

    /** The events of one push, built once: the benchmark measures the client, not list building. */
    @State(Scope.Thread)
    public static class PushBatch {
        @Param({"1", "16", "128"})
        public int batch;

        List<String> payloads;

        @Setup(Level.Trial)
        public void build(QueueClientState queue) {
            payloads = Collections.nCopies(batch, queue.payload);
        }
    }

    /**
     * Events pushed, reported by JMH as {@code pipelinedRpush:events} in events per second; the
     * primary score counts push() calls.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class EventCount {
        public long events;
    }

    /**
     * One push() of a batch, as the synthetic producer sends it: one round trip carrying all the
     * events (a multi-value RPUSH). Nobody pops, so the list grows until the next iteration empties it.
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void pipelinedRpush(QueueClientState queue, PushBatch push, EventCount count) {
        queue.producer.push(push.payloads);
        count.events += push.batch;
    }
}
