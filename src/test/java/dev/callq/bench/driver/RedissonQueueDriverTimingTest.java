package dev.callq.bench.driver;

class RedissonQueueDriverTimingTest extends QueueDriverTimingContractTest {
    RedissonQueueDriverTimingTest() {
        super(new RedissonUnderTest());
    }
}
