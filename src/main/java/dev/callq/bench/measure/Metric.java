package dev.callq.bench.measure;

/** The latencies the harness records, each in its own HdrHistogram recorder and interval-log tag. */
public enum Metric {
    /** Enqueue stamp to the moment a worker holds the event: queue wait plus the pop. */
    ENQUEUE_TO_DEQUEUE("enqueueToDequeue"),
    /** The simulated work per event. */
    SERVICE_TIME("serviceTime"),
    /** Enqueue stamp to the end of the work. */
    ENQUEUE_TO_DONE("enqueueToDone"),
    /** Synthetic producer: actual minus intended send time. */
    PRODUCER_LAG("producerLag"),
    /** Synthetic producer: push sent to Redis's acknowledgement of it (the pipelined RPUSH's round trip). */
    PUSH_ROUND_TRIP("pushRoundTrip"),
    /** Enqueue stamp to the first bytes of the pop's reply at the consumer's socket. */
    STAMP_TO_REPLY("stampToReply"),
    /** The pop's reply at the consumer's socket to the moment a worker holds the event: the client's share. */
    CLIENT_SHARE("clientShare");

    private final String tag;

    Metric(String tag) {
        this.tag = tag;
    }

    /** The name used in the interval log's tags and in summary.json. */
    public String tag() {
        return tag;
    }
}
