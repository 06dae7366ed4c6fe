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

    /**
     * The name, in Redis's CLIENT LIST, of a connection a driver opens for {@code role} ("worker-3", "admin",
     * "pool"): {@code callq-<driver>-<role>}, so that an operator sees whose each connection is, and a run can
     * find its own workers' connections ({@link #clientNamePrefix()}).
     */
    static String clientName(String driver, String role) {
        return "callq-" + driver + "-" + role;
    }

    /** What the names of every connection this driver opens begin with. */
    default String clientNamePrefix() {
        return clientName(name(), "");
    }

    /** What a reader of the results needs to know: client version, protocol, transport. */
    Map<String, String> describe();

    QueueConsumer createConsumer(QueueSpec spec, int workerId);

    QueueProducer createProducer(QueueSpec spec);

    QueueAdmin createAdmin();

    @Override
    void close();
}
