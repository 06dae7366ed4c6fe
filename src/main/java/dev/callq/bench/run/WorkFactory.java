package dev.callq.bench.run;

import dev.callq.bench.work.ServiceTime;
import dev.callq.bench.work.Work;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Turns a service time and work mode into the work each event costs, one random stream per worker. */
public final class WorkFactory {
    private WorkFactory() {
    }

    public static Runnable create(ServiceTime serviceTime, Work.Mode workMode) {
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
