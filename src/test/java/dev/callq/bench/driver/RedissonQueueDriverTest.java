package dev.callq.bench.driver;

import dev.callq.bench.driver.redisson.RedissonQueueDriver;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Redisson through the driver contract. It expresses every pattern; its pops take whole seconds, its
 * pooled connections share one name, and it adds a blocking command's own wait and one more second to its
 * response timeout (RedisExecutor: responseTimeout + popTimeout + 1000 ms).
 */
class RedissonQueueDriverTest extends QueueDriverContractTest {
    @Override
    protected QueueDriver open(ClientSettings settings) {
        // Two idle connections instead of Redisson's 24 at start: the tests open many clients.
        return new RedissonQueueDriver(settings.with(new LibrarySettings(Map.of("connectionMinimumIdleSize", "2"))));
    }

    /** Redisson runs on NIO unless its transportMode setting asks for epoll. */
    @Override
    protected Optional<String> expectedTransport() {
        return Optional.of("nio");
    }

    @Override
    protected Duration popTimeout() {
        return Duration.ofSeconds(1);
    }

    @Override
    protected boolean namesEachConnection() {
        return false;
    }

    @Override
    protected Duration unansweredPopBound(Duration clientTimeout) {
        return clientTimeout.plus(popTimeout()).plusSeconds(1);
    }
}
