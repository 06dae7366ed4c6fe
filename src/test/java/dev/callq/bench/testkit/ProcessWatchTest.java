package dev.callq.bench.testkit;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The check behind ProcessesTag, on a program every machine has: {@code sleep}, which costs nothing. */
class ProcessWatchTest {
    @Test
    void aProgramStartedWhileWatchingIsSeenByName() throws Exception {
        Process sleep;
        try (ProcessWatch watch = ProcessWatch.start(Set.of("sleep"))) {
            sleep = new ProcessBuilder("sleep", "1").start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while (watch.seen().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(watch.seen()).containsExactly("sleep (" + sleep.pid() + ")");
        }
        sleep.destroy();
    }

    /** Debian's redis-server is a link to redis-check-rdb: the name it was called by is what counts. */
    @Test
    void aProgramIsKnownByTheNameItWasCalledBy() throws Exception {
        // (a name of its own: ProcessesTag would rightly fail this class for a "redis-server")
        try (ProcessWatch watch = ProcessWatch.start(Set.of("linked-server"))) {
            Process renamed = new ProcessBuilder("bash", "-c", "exec -a linked-server sleep 1").start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while (watch.seen().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(watch.seen()).containsExactly("linked-server (" + renamed.pid() + ")");
            renamed.destroy();
        }
    }

    @Test
    void programsOutsideTheSetAreNotReported() throws Exception {
        try (ProcessWatch watch = ProcessWatch.start(Set.of("redis-server"))) {
            Process sleep = new ProcessBuilder("sleep", "0.3").start();
            sleep.waitFor(2, TimeUnit.SECONDS);
            assertThat(watch.seen()).isEmpty();
        }
    }

    @Test
    void theFastTierLeavesOutWhatStartsTheHarnessPrograms() {
        assertThat(ProcessesTag.PROGRAMS).contains("redis-server", "kamailio", "sipp", "java", "docker");
    }
}
