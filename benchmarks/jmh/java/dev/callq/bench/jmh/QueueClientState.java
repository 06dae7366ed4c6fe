package dev.callq.bench.jmh;

import dev.callq.bench.driver.ClientSettings;
import dev.callq.bench.driver.PayloadSink;
import dev.callq.bench.driver.QueueAdmin;
import dev.callq.bench.driver.QueueConsumer;
import dev.callq.bench.driver.QueueDriver;
import dev.callq.bench.driver.QueueDrivers;
import dev.callq.bench.driver.QueueProducer;
import dev.callq.bench.driver.QueueSpec;
import dev.callq.bench.event.CallEvent;
import dev.callq.bench.event.EventKind;
import dev.callq.bench.event.PayloadFormat;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Duration;
import java.util.List;

/**
 * One client's producer, consumer and admin, each on its own connection, opened through
 * {@link QueueDrivers} exactly as {@code callq run} opens them. Every client gets the same
 * settings (RESP2, the run command's default; 1 s pop timeout), so they compete as equals.
 */
@State(Scope.Thread)
public class QueueClientState {
    static final int RESP_VERSION = 2;
    static final Duration POP_TIMEOUT = Duration.ofSeconds(1);

    /**
     * JMH needs the values as constants; {@code callq jmh} passes every name in {@link QueueDrivers}
     * instead, and {@code ClientParamTest} fails when these differ from the registry.
     */
    @Param({"jedis", "lettuce", "redisson"})
    public String client;

    QueueSpec spec;
    QueueDriver driver;
    QueueProducer producer;
    QueueConsumer consumer;
    QueueAdmin admin;
    /** One JSON event as Kamailio pushes it, about 80 bytes. */
    String payload;
    /** What the last poll handed over; the benchmark returns it so the pop is not dead code. */
    List<String> popped;
    final PayloadSink keepPopped = payloads -> popped = payloads;

    @Setup(Level.Trial)
    public void open(RedisServerState redis) {
        spec = QueueSpec.blpop("callq:jmh:" + client, POP_TIMEOUT);
        driver = QueueDrivers.open(client, ClientSettings.forQueue(redis.endpoint(), RESP_VERSION, spec));
        producer = driver.createProducer(spec);
        consumer = driver.createConsumer(spec, 0);
        admin = driver.createAdmin();
        redis.closeBeforeStop(this::close);
        payload = PayloadFormat.JSON.encode(new CallEvent("jmh-0000000001@127.0.0.1", EventKind.INVITE,
                1_700_000_000_123_456L));
    }

    /** An empty list each iteration, so pushes without pops do not grow Redis across the whole trial. */
    @Setup(Level.Iteration)
    public void emptyQueue() {
        admin.reset(spec, 1);
    }

    /** Called by {@link RedisServerState} while the server still runs; see {@link RedisServerState#closeBeforeStop}. */
    void close() {
        try {
            admin.reset(spec, 1);
        } finally {
            producer.close();
            consumer.close();
            admin.close();
            driver.close();
        }
    }
}
