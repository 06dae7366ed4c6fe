package dev.callq.bench.run;

/** Hears how a measured phase is going, once a second; the console shows it to the user. */
public interface ProgressListener {
    ProgressListener NONE = new ProgressListener() {
        @Override
        public void phaseStarted(String client, String phase, long expectedSeconds) {
        }

        @Override
        public void second(long elapsedSeconds, double consumedPerSec, long backlog, long p99Micros) {
        }

        @Override
        public void phaseEnded() {
        }
    };

    void phaseStarted(String client, String phase, long expectedSeconds);

    /** One second of the phase: events taken off the queue in it, the backlog, and its p99 enqueue→dequeue. */
    void second(long elapsedSeconds, double consumedPerSec, long backlog, long p99Micros);

    void phaseEnded();
}
