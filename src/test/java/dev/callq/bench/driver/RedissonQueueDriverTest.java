package dev.callq.bench.driver;

class RedissonQueueDriverTest extends QueueDriverContractTest {
    RedissonQueueDriverTest() {
        super(new RedissonUnderTest());
    }
}
