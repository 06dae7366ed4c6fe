package dev.callq.bench.env;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class CpuPinningTest {

    @Test
    void threadsFoundByNameRunOnlyOnTheCpusTheyWerePinnedTo() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        Thread probe = new Thread(() -> {
            running.countDown();
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "pin-probe-0");
        probe.start();
        running.await();
        try {
            long tid = tidNamed("pin-probe-0");
            assertThat(CpuPinning.allowedCpus(tid)).isNotEqualTo("0");

            CpuPinning.Result result = CpuPinning.pinThreads("pin-probe-", 1, "0");

            assertThat(result.ok()).as(String.valueOf(result.failure())).isTrue();
            assertThat(result.pinned()).isEqualTo(1);
            assertThat(CpuPinning.allowedCpus(tid)).isEqualTo("0");
            assertThat(CpuPinning.pinThreads("no-such-thread-", 1, "0").failure())
                    .isEqualTo("found 0 of 1 threads named no-such-thread-…");
        } finally {
            done.countDown();
            probe.join();
        }
    }

    @Test
    void theProcessCpusAreTheAffinityTasksetReports() throws Exception {
        Process taskset = new ProcessBuilder("taskset", "-cp", Long.toString(ProcessHandle.current().pid())).start();
        String output = new String(taskset.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(taskset.waitFor()).as(output).isZero();
        // "pid 123's current affinity list: 0,1"
        String list = output.substring(output.lastIndexOf(':') + 1).strip();

        assertThat(CpuPinning.processCpus()).isNotEmpty().isEqualTo(CpuPinning.parseCpuList(list));
        assertThat(CpuPinning.parseCpuList("0-3,8,10-11")).containsExactly(0, 1, 2, 3, 8, 10, 11);
        assertThat(CpuPinning.cpuList(List.of(4, 5))).isEqualTo("4,5");
    }

    private static long tidNamed(String name) throws Exception {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    if (Files.readString(task.resolve("comm")).strip().equals(name)) {
                        return Long.parseLong(task.getFileName().toString());
                    }
                } catch (java.nio.file.NoSuchFileException ended) {
                    // another thread of this JVM ended between the listing and the read
                }
            }
        }
        throw new AssertionError("no thread named " + name);
    }
}
