package dev.callq.bench.driver;

import java.util.Map;

/**
 * A Redis client library under test. Drivers only move payloads; the framework owns every clock
 * reading and counter, but for the moment a consumer's socket sees a reply arrive ({@link ReplyStamp}).
 * {@code driver.jedis}, {@code driver.lettuce} and {@code driver.redisson} are the only packages that
 * import a client library.
 */
public interface QueueDriver extends AutoCloseable {
    /** The registered name: "jedis", "lettuce", "redisson". */
    String name();

    /** What a reader of the results needs to know: client version, protocol, transport. */
    Map<String, String> describe();

    QueueConsumer createConsumer(QueueSpec spec, int workerId);

    QueueProducer createProducer(QueueSpec spec);

    QueueAdmin createAdmin();

    @Override
    void close();
}
