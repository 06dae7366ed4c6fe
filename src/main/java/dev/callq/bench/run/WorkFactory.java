package dev.callq.bench.run;

import dev.callq.bench.work.ServiceTime;
import dev.callq.bench.work.Work;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/** Turns a service time and work mode into the work each event costs, one random stream per worker. */
final class WorkFactory {
    private WorkFactory() {
    }

    /**
     * Microseconds of extra sleep after every event's work, for testing the regression gate only
     * ({@code callq ab}'s tests start one side with {@code -Dcallq.gate-test.extra-work-us=3000}): a slower
     * consumer made without changing the code. Not an option of {@code callq run}, and unset by default.
     */
    static final String INJECTED_EXTRA_WORK_PROPERTY = "callq.gate-test.extra-work-us";

    static Runnable create(ServiceTime serviceTime, Work.Mode workMode) {
        Runnable work = work(serviceTime, workMode);
        long extraMicros = Long.getLong(INJECTED_EXTRA_WORK_PROPERTY, 0);
        if (extraMicros <= 0) {
            return work;
        }
        return () -> {
            work.run();
            LockSupport.parkNanos(extraMicros * 1_000);
        };
    }

    private static Runnable work(ServiceTime serviceTime, Work.Mode workMode) {
        if (serviceTime instanceof ServiceTime.None) {
            return () -> { };
        }
        AtomicLong seeds = new AtomicLong(0x5eed);
        // Work keeps a random generator, which is not thread-safe: each worker thread gets its own.
        ThreadLocal<Work> perThread = ThreadLocal.withInitial(
                () -> new Work(serviceTime, workMode, new SplittableRandom(seeds.getAndIncrement())));
        return () -> perThread.get().perform();
    }
}
