package dev.callq.bench.work;

import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.random.RandomGenerator;

/**
 * The simulated work a worker does for each event it pops: a duration sampled from a
 * {@link ServiceTime}, spent either burning a CPU or parked.
 *
 * <p>The two modes answer different questions. {@link Mode#SPIN} holds a core, as real per-event
 * processing would, so workers compete with Redis and the client's I/O threads for CPUs (on a
 * 2-core machine that competition is the result). {@link Mode#SLEEP} frees the core, modelling work
 * that waits on something else (a database, an HTTP call); the OS timer slack makes each sleep
 * somewhat longer than asked, typically tens of microseconds on Linux.
 *
 * <p>One instance per worker thread: the random generator it samples from is not thread-safe.
 */
public final class Work {

    /** Where the time goes: a busy CPU or a parked thread. */
    public enum Mode {
        SPIN, SLEEP;

        /** Reads {@code spin} or {@code sleep}, in any letter case. */
        public static Mode parse(String text) {
            String name = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
            return switch (name) {
                case "spin" -> SPIN;
                case "sleep" -> SLEEP;
                default -> throw new IllegalArgumentException("work mode '" + text + "' is not one of spin, sleep");
            };
        }

        /** The name on the command line and in files: {@code spin}, {@code sleep}. */
        public String cliName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final ServiceTime serviceTime;
    private final Mode mode;
    private final RandomGenerator random;

    public Work(ServiceTime serviceTime, Mode mode, RandomGenerator random) {
        this.serviceTime = serviceTime;
        this.mode = mode;
        this.random = random;
    }

    public ServiceTime serviceTime() {
        return serviceTime;
    }

    public Mode mode() {
        return mode;
    }

    /**
     * Samples a duration and spends it.
     *
     * @return the sampled duration in nanoseconds: the intended service time, which the framework
     *         can compare with the measured dequeue → done time
     */
    public long perform() {
        long nanos = serviceTime.sampleNanos(random);
        if (mode == Mode.SPIN) {
            spinNanos(nanos);
        } else {
            sleepNanos(nanos);
        }
        return nanos;
    }

    /** Busy-waits on {@link System#nanoTime()}: exact to the clock, and holds the core throughout. */
    public static void spinNanos(long nanos) {
        long deadline = System.nanoTime() + nanos;
        while (System.nanoTime() - deadline < 0) {
            Thread.onSpinWait();
        }
    }

    /**
     * Parks until the duration has passed. {@code parkNanos} may return early (spurious wake-ups),
     * so it parks again for the remainder; an interrupt ends the sleep at once and stays set, so a
     * worker being stopped is not held up by its last event.
     */
    public static void sleepNanos(long nanos) {
        long deadline = System.nanoTime() + nanos;
        for (long remaining = nanos; remaining > 0; remaining = deadline - System.nanoTime()) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            LockSupport.parkNanos(remaining);
        }
    }
}
