package dev.callq.bench.jmh;

import dev.callq.bench.event.CallEvent;
import dev.callq.bench.event.EventKind;
import dev.callq.bench.event.MalformedEventException;
import dev.callq.bench.event.PayloadFormat;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * The JSON event's encode (the synthetic producer, per event) and decode (every worker, per
 * event). No client involved: the cost is the same whichever client carries the payload.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PayloadFormatBenchmark {
    private CallEvent event;
    private String payload;

    @Setup(Level.Trial)
    public void prepare() {
        event = new CallEvent("a84b4c76e66710@pc33.example.com", EventKind.INVITE, 1_700_000_000_123_456L);
        payload = PayloadFormat.JSON.encode(event);
    }

    @Benchmark
    public String encodeJson() {
        return PayloadFormat.JSON.encode(event);
    }

    @Benchmark
    public CallEvent decodeJson() throws MalformedEventException {
        return PayloadFormat.JSON.decode(payload);
    }
}
