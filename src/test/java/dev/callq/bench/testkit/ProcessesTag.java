package dev.callq.bench.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Set;

/**
 * Holds the fast tier honest: a test class that starts redis-server, kamailio, sipp, a JVM or docker must carry
 * {@code @Tag("processes")}, so that {@code ./callq test --fast} (which leaves those classes out) stays fast.
 * Registered for every test class through {@code META-INF/services} (JUnit's extension auto-detection); an
 * untagged class that starts one of them fails after its last test, naming what it started.
 */
public final class ProcessesTag implements BeforeAllCallback, AfterAllCallback {
    public static final String TAG = "processes";
    /** What makes a test slow or needs the machine's packages; short helpers (taskset, redis-cli) are not listed. */
    static final Set<String> PROGRAMS = Set.of("redis-server", "redis-sentinel", "kamailio", "sipp", "java",
            "docker", "docker-compose", "dockerd");
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ProcessesTag.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!context.getTags().contains(TAG) && context.getParent().flatMap(ExtensionContext::getParent).isEmpty()) {
            context.getStore(NAMESPACE).put("watch", ProcessWatch.start(PROGRAMS));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        ProcessWatch watch = context.getStore(NAMESPACE).remove("watch", ProcessWatch.class);
        if (watch == null) {
            return;
        }
        watch.close();
        if (!watch.seen().isEmpty()) {
            throw new AssertionError(context.getRequiredTestClass().getName() + " started " + watch.seen()
                    + " but is not tagged @Tag(\"" + TAG + "\"): tag it, or ./callq test --fast runs it");
        }
    }
}
