package dev.callq.bench.driver;

class LettuceQueueDriverTimingTest extends QueueDriverTimingContractTest {
    LettuceQueueDriverTimingTest() {
        super(new LettuceUnderTest());
    }
}
