package dev.callq.bench.driver;

class JedisQueueDriverTimingTest extends QueueDriverTimingContractTest {
    JedisQueueDriverTimingTest() {
        super(new JedisUnderTest());
    }
}
