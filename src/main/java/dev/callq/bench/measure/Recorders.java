package dev.callq.bench.measure;

import java.util.List;

/** The latency recorders of one client's run, one per {@link Metric}. */
public record Recorders(LatencyRecorder enqueueToDequeue, LatencyRecorder serviceTime,
                        LatencyRecorder enqueueToDone, LatencyRecorder producerLag,
                        LatencyRecorder pushRoundTrip, LatencyRecorder stampToReply, LatencyRecorder clientShare) {

    public static Recorders create() {
        return new Recorders(new LatencyRecorder(Metric.ENQUEUE_TO_DEQUEUE), new LatencyRecorder(Metric.SERVICE_TIME),
                new LatencyRecorder(Metric.ENQUEUE_TO_DONE), new LatencyRecorder(Metric.PRODUCER_LAG),
                new LatencyRecorder(Metric.PUSH_ROUND_TRIP), new LatencyRecorder(Metric.STAMP_TO_REPLY),
                new LatencyRecorder(Metric.CLIENT_SHARE));
    }

    public List<LatencyRecorder> all() {
        return List.of(enqueueToDequeue, serviceTime, enqueueToDone, producerLag, pushRoundTrip, stampToReply,
                clientShare);
    }

    public LatencyRecorder of(Metric metric) {
        return switch (metric) {
            case ENQUEUE_TO_DEQUEUE -> enqueueToDequeue;
            case SERVICE_TIME -> serviceTime;
            case ENQUEUE_TO_DONE -> enqueueToDone;
            case PRODUCER_LAG -> producerLag;
            case PUSH_ROUND_TRIP -> pushRoundTrip;
            case STAMP_TO_REPLY -> stampToReply;
            case CLIENT_SHARE -> clientShare;
        };
    }
}
