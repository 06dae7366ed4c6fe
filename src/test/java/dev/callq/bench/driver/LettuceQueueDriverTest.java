package dev.callq.bench.driver;

class LettuceQueueDriverTest extends QueueDriverContractTest {
    LettuceQueueDriverTest() {
        super(new LettuceUnderTest());
    }
}
