package dev.callq.bench.testkit;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;

/**
 * After each test, nothing the test started is still running: a run stops every process it started, on
 * success and on failure. {@code @ExtendWith(NoProcessLeftBehind.class)} on a class whose tests each start
 * and stop their own processes (not on one that keeps a Redis across its tests).
 */
public final class NoProcessLeftBehind implements AfterEachCallback {
    @Override
    public void afterEach(ExtensionContext context) {
        List<String> alive = ChildProcesses.alive();
        if (!alive.isEmpty()) {
            throw new AssertionError(context.getDisplayName() + " left processes running: " + alive);
        }
    }
}
