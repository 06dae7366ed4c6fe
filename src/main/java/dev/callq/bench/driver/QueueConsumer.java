package dev.callq.bench.driver;

/**
 * One worker's view of the queue, on a connection of its own: a blocking pop holds the
 * connection for its whole wait, so workers never share one.
 */
public interface QueueConsumer extends AutoCloseable {
    /**
     * Blocks for at most the queue's pop timeout. When events arrive, hands them to {@code sink}
     * and, once it returns, acknowledges them as the pattern requires.
     *
     * @return how many events were handed over (0 when the pop timed out)
     */
    int poll(PayloadSink sink);

    @Override
    void close();
}
