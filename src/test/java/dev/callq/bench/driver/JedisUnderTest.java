package dev.callq.bench.driver;

import dev.callq.bench.driver.jedis.JedisQueueDriver;

import java.util.Optional;

/** Jedis through the driver contract. */
final class JedisUnderTest implements ClientUnderTest {
    @Override
    public QueueDriver open(ClientSettings settings) {
        return new JedisQueueDriver(settings);
    }

    /** Jedis speaks over plain blocking sockets, not Netty. */
    @Override
    public Optional<String> expectedTransport() {
        return Optional.empty();
    }
}
