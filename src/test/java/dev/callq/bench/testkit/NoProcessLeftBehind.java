package dev.callq.bench.testkit;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ModifierSupport;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * After each test, nothing the test started is still running: a run stops every process it started, on
 * success and on failure. {@code @ExtendWith(NoProcessLeftBehind.class)} on a class whose tests each start
 * and stop their own processes (not on one that keeps a Redis across its tests). The test's processes are
 * those in its {@code @TempDir} folders ({@link ChildProcesses#aliveUnder}): other classes run beside it.
 */
public final class NoProcessLeftBehind implements AfterEachCallback {
    @Override
    public void afterEach(ExtensionContext context) throws IllegalAccessException {
        List<Path> folders = tempDirs(context);
        if (folders.isEmpty()) {
            throw new AssertionError(context.getRequiredTestClass().getName()
                    + " has no @TempDir field: NoProcessLeftBehind tells a test's processes by its folder");
        }
        List<String> alive = new ArrayList<>();
        folders.forEach(folder -> alive.addAll(ChildProcesses.aliveUnder(folder)));
        if (!alive.isEmpty()) {
            throw new AssertionError(context.getDisplayName() + " left processes running: " + alive);
        }
    }

    private static List<Path> tempDirs(ExtensionContext context) throws IllegalAccessException {
        List<Path> folders = new ArrayList<>();
        Object instance = context.getTestInstance().orElse(null);
        for (Field field : AnnotationSupport.findAnnotatedFields(context.getRequiredTestClass(), TempDir.class)) {
            field.setAccessible(true);
            Object value = field.get(ModifierSupport.isStatic(field) ? null : instance);
            if (value instanceof Path folder) {
                folders.add(folder);
            }
        }
        return folders;
    }
}
