package dev.callq.bench.env;

import dev.callq.bench.HarnessException;

/** A short wait in a polling loop, which an interrupt (Ctrl-C) turns into a clean stop. */
public final class Pause {
    private Pause() {
    }

    public static void millis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HarnessException("interrupted", e);
        }
    }
}
