package dev.callq.bench.maxrate;

/** One measurement at an offered rate: does the system sustain it? The max-rate search asks nothing else. */
@FunctionalInterface
public interface Probe {
    Verdict probe(long ratePerSec);

    /** Whether a probed rate was sustained, and if not, the first reason why (one line). */
    record Verdict(boolean passed, String reason) {
        public static Verdict pass() {
            return new Verdict(true, "");
        }

        public static Verdict fail(String reason) {
            return new Verdict(false, reason);
        }
    }
}
