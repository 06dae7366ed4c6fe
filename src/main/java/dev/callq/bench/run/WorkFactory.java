package dev.callq.bench.run;

import dev.callq.bench.work.RandomDraws;
import dev.callq.bench.work.ServiceTime;
import dev.callq.bench.work.Work;

import java.util.SplittableRandom;

/** Turns a service time and work mode into the work each event costs, one random stream per worker. */
public final class WorkFactory {
    private WorkFactory() {
    }

    public static Runnable create(ServiceTime serviceTime, Work.Mode workMode, RandomDraws draws) {
        if (serviceTime instanceof ServiceTime.None) {
            return () -> { };
        }
        SplittableRandom streams = draws.work();
        // Work keeps a random generator, which is not thread-safe: each worker thread gets its own.
        ThreadLocal<Work> perThread = ThreadLocal.withInitial(() -> new Work(serviceTime, workMode, split(streams)));
        return () -> perThread.get().perform();
    }

    /** Workers start their first event at the same moment: a split changes the splitter's state. */
    private static SplittableRandom split(SplittableRandom streams) {
        synchronized (streams) {
            return streams.split();
        }
    }
}
