package dev.callq.bench.driver;

import dev.callq.bench.driver.redisson.RedissonQueueDriver;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Redisson through the driver contract. It expresses every pattern; its list pops take whole seconds (its
 * XREADGROUP takes milliseconds), its pooled connections share one name, and it adds a blocking command's own
 * wait and one more second to its response timeout (RedisExecutor: responseTimeout + popTimeout + 1000 ms).
 */
final class RedissonUnderTest implements ClientUnderTest {
    @Override
    public QueueDriver open(ClientSettings settings) {
        // Two idle connections instead of Redisson's 24 at start: the tests open many clients.
        return new RedissonQueueDriver(settings.with(new LibrarySettings(Map.of("connectionMinimumIdleSize", "2"))));
    }

    /** Redisson runs on NIO unless its transportMode setting asks for epoll. */
    @Override
    public Optional<String> expectedTransport() {
        return Optional.of("nio");
    }

    /** BLPOP, BLMOVE and BLMPOP in whole seconds ({@link RedissonQueueDriver#checkQueue}); XREADGROUP's BLOCK in ms. */
    @Override
    public Duration popTimeout(QueuePattern pattern) {
        return pattern == QueuePattern.STREAM ? SHORT_POP_TIMEOUT : Duration.ofSeconds(1);
    }

    @Override
    public boolean namesEachConnection() {
        return false;
    }

    @Override
    public Duration unansweredPopBound(Duration clientTimeout) {
        return clientTimeout.plus(popTimeout(QueuePattern.BLPOP)).plusSeconds(1);
    }
}
