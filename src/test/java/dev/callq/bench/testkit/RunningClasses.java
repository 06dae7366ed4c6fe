package dev.callq.bench.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many top-level test classes run at this moment in this JVM: the processes tier runs several at once
 * (docs/development.md), and what belongs to the whole JVM (its console) may only be used by a class running
 * alone. Registered for every class through {@code META-INF/services}, as {@link ProcessesTag} is.
 *
 * <p>Each class's start and end also go to {@code target/test-timeline.tsv} (epoch milliseconds, start or
 * end, class, classes running), so where the suite's minutes go can be read after a run
 * (docs/development.md, "Where the minutes go").
 */
public final class RunningClasses implements BeforeAllCallback, AfterAllCallback {
    private static final AtomicInteger RUNNING = new AtomicInteger();

    public static int count() {
        return RUNNING.get();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (isTopLevel(context)) {
            log("start", context, RUNNING.incrementAndGet());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (isTopLevel(context)) {
            log("end", context, RUNNING.decrementAndGet());
        }
    }

    private static final Path TIMELINE = Path.of("target", "test-timeline.tsv");

    private static synchronized void log(String event, ExtensionContext context, int running) {
        String line = System.currentTimeMillis() + "\t" + event + "\t"
                + context.getRequiredTestClass().getSimpleName() + "\t" + running + "\n";
        try {
            Files.writeString(TIMELINE, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // No target/ (a test run from elsewhere): the timeline is a reading aid, not part of any test.
        }
    }

    /** A class directly under the engine; a {@code @Nested} class runs inside its outer class. */
    private static boolean isTopLevel(ExtensionContext context) {
        return context.getParent().flatMap(ExtensionContext::getParent).isEmpty();
    }
}
