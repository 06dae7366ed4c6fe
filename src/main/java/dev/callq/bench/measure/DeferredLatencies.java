package dev.callq.bench.measure;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Latencies of payloads that carry no enqueue stamp (the bare Call-ID format). Workers note when they
 * dequeued and finished each Call-ID; after the load, each is joined with the time SIPp sent that
 * call's INVITE and written as 1 s intervals, bucketed by dequeue time, like live samples.
 */
public final class DeferredLatencies {
    private record Sample(String callId, long dequeuedMicros, long doneMicros) {
    }

    private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();

    public void add(String callId, long dequeuedMicros, long doneMicros) {
        samples.add(new Sample(callId, dequeuedMicros, doneMicros));
    }

    public boolean isEmpty() {
        return samples.isEmpty();
    }

    /**
     * Records every sample whose Call-ID has a send time into {@code log}, and returns the Call-IDs
     * that had none (they are reported, not dropped silently).
     */
    public List<String> resolve(Map<String, Long> sentMicrosByCallId, IntervalLog log,
                                LatencyRecorder enqueueToDequeue, LatencyRecorder enqueueToDone) {
        List<Sample> sorted = new ArrayList<>(samples);
        sorted.sort(Comparator.comparingLong(Sample::dequeuedMicros));
        List<String> unmatched = new ArrayList<>();
        long bucketStartMillis = -1;
        for (Sample sample : sorted) {
            Long sentMicros = sentMicrosByCallId.get(sample.callId());
            if (sentMicros == null) {
                unmatched.add(sample.callId());
                continue;
            }
            long secondMillis = sample.dequeuedMicros() / 1_000_000L * 1_000L;
            if (secondMillis != bucketStartMillis && bucketStartMillis >= 0) {
                flush(log, enqueueToDequeue, enqueueToDone, bucketStartMillis);
            }
            bucketStartMillis = secondMillis;
            enqueueToDequeue.recordMicros(sample.dequeuedMicros() - sentMicros);
            enqueueToDone.recordMicros(sample.doneMicros() - sentMicros);
        }
        if (bucketStartMillis >= 0) {
            flush(log, enqueueToDequeue, enqueueToDone, bucketStartMillis);
        }
        return unmatched;
    }

    private static void flush(IntervalLog log, LatencyRecorder enqueueToDequeue, LatencyRecorder enqueueToDone,
                              long startMillis) {
        for (LatencyRecorder recorder : List.of(enqueueToDequeue, enqueueToDone)) {
            Histogram interval = recorder.takeInterval();
            log.write(recorder.metric(), interval, startMillis, startMillis + 1_000L);
        }
    }
}
