package dev.callq.bench.driver;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The consumers, producers and admins a driver handed out, so that the driver's close() can
 * close whatever its caller left open. Consumers are closed first and all at once: each waits
 * for its pop in flight (see {@link InFlightPoll}), so closing them in parallel bounds the wait
 * by one pop timeout, not one per worker, and cutting the connection under a pop loses nothing.
 */
public final class OpenResources {
    private final Set<QueueConsumer> consumers = ConcurrentHashMap.newKeySet();
    private final Set<AutoCloseable> others = ConcurrentHashMap.newKeySet();

    public <T extends QueueConsumer> T consumer(T consumer) {
        consumers.add(consumer);
        return consumer;
    }

    public <T extends AutoCloseable> T other(T resource) {
        others.add(resource);
        return resource;
    }

    /** Closes everything handed out; closing one twice is harmless, so nothing tracks which the caller closed. */
    public void closeAll() {
        List<Thread> closers = new ArrayList<>();
        for (QueueConsumer consumer : consumers) {
            Thread closer = new Thread(consumer::close, "callq-consumer-close");
            closer.start();
            closers.add(closer);
        }
        for (Thread closer : closers) {
            joinUninterruptibly(closer);
        }
        consumers.clear();
        for (AutoCloseable resource : others) {
            try {
                resource.close();
            } catch (Exception e) {
                // already broken: nothing left to release
            }
        }
        others.clear();
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
