package dev.callq.bench.measure;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyRecorderTest {

    @Test
    void everySampleOfEveryThreadLandsInExactlyOneIntervalEvenFromThreadsThatEnded() throws Exception {
        LatencyRecorder recorder = new LatencyRecorder(Metric.ENQUEUE_TO_DEQUEUE);
        int threads = 4;
        int samplesPerThread = 200_000;
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            writers.add(new Thread(() -> {
                for (int i = 0; i < samplesPerThread; i++) {
                    recorder.recordMicros(i % 1000 == 0 ? -5 : 100 + offset);
                }
            }));
        }
        writers.forEach(Thread::start);
        long taken = 0;
        long maxSeen = 0;
        // Intervals taken while the writers write, and once more after they have all ended.
        while (writers.stream().anyMatch(Thread::isAlive)) {
            Histogram interval = recorder.takeInterval();
            taken += interval.getTotalCount();
            maxSeen = Math.max(maxSeen, interval.getMaxValue());
            recorder.recycle(interval);
        }
        for (Thread writer : writers) {
            writer.join();
        }
        Histogram last = recorder.takeInterval();
        taken += last.getTotalCount();

        assertThat(taken).isEqualTo((long) threads * samplesPerThread);
        assertThat(recorder.nonPositiveCount()).isEqualTo(threads * (samplesPerThread / 1000L));
        assertThat(Math.max(maxSeen, last.getMaxValue())).isEqualTo(103);
        assertThat(recorder.takeInterval().getTotalCount()).isZero();
    }

    @Test
    void aCountOfSamplesIsRecordedInOneStep() {
        LatencyRecorder recorder = new LatencyRecorder(Metric.PUSH_ROUND_TRIP);
        recorder.recordMicros(250, 7);
        recorder.recordMicros(0, 3);

        Histogram interval = recorder.takeInterval();
        assertThat(interval.getTotalCount()).isEqualTo(10);
        assertThat(interval.getCountAtValue(250)).isEqualTo(7);
        assertThat(recorder.nonPositiveCount()).isEqualTo(3);
    }
}
