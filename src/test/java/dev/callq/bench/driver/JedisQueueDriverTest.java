package dev.callq.bench.driver;

import dev.callq.bench.driver.jedis.JedisQueueDriver;

import java.util.Optional;

class JedisQueueDriverTest extends QueueDriverContractTest {
    @Override
    protected QueueDriver open(ClientSettings settings) {
        return new JedisQueueDriver(settings);
    }

    /** Jedis speaks over plain blocking sockets, not Netty. */
    @Override
    protected Optional<String> expectedTransport() {
        return Optional.empty();
    }
}
