package dev.callq.bench.driver;

class JedisQueueDriverTest extends QueueDriverContractTest {
    JedisQueueDriverTest() {
        super(new JedisUnderTest());
    }
}
