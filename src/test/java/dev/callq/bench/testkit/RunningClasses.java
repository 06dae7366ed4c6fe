package dev.callq.bench.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many top-level test classes run at this moment in this JVM: the processes tier runs several at once
 * (docs/development.md), and what belongs to the whole JVM (its console) may only be used by a class running
 * alone. Registered for every class through {@code META-INF/services}, as {@link ProcessesTag} is.
 */
public final class RunningClasses implements BeforeAllCallback, AfterAllCallback {
    private static final AtomicInteger RUNNING = new AtomicInteger();

    public static int count() {
        return RUNNING.get();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (isTopLevel(context)) {
            RUNNING.incrementAndGet();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (isTopLevel(context)) {
            RUNNING.decrementAndGet();
        }
    }

    /** A class directly under the engine; a {@code @Nested} class runs inside its outer class. */
    private static boolean isTopLevel(ExtensionContext context) {
        return context.getParent().flatMap(ExtensionContext::getParent).isEmpty();
    }
}
