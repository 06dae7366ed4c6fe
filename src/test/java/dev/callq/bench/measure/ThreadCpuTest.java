package dev.callq.bench.measure;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadCpuTest {

    @Test
    void aThreadThatEndedThroughBeforeExitKeepsItsCpuAndAllocation() throws Exception {
        long[] sink = new long[1];
        Thread thread = new Thread(() -> {
            try {
                // Spins for 150 ms of its own CPU time, however busy the machine, allocating as it goes. Linux books
                // user time by the 10 ms tick: a shorter spin can read 0 user time.
                var bean = ManagementFactory.getThreadMXBean();
                while (bean.getCurrentThreadCpuTime() < 150_000_000L) {
                    for (int i = 0; i < 1000; i++) {
                        sink[0] += new byte[64].length;
                    }
                }
            } finally {
                ThreadCpu.beforeExit();
            }
        }, "thread-cpu-test-spinner");
        thread.start();
        thread.join();

        Map<Long, ThreadCpu.Reading> readings = ThreadCpu.readAll();
        ThreadCpu.Reading ended = readings.get(thread.getId());
        assertThat(ended).isNotNull();
        assertThat(ended.name()).isEqualTo("thread-cpu-test-spinner");
        // Its counters went with the thread; what it said before it ended is kept.
        assertThat(ended.cpuNanos()).isGreaterThanOrEqualTo(150_000_000L);
        assertThat(ended.userNanos()).isPositive().isLessThanOrEqualTo(ended.cpuNanos());
        assertThat(ended.allocatedBytes()).isGreaterThanOrEqualTo(64 * 1000L);
        assertThat(sink[0]).isPositive();
    }

    @Test
    void aLiveThreadIsReadWithItsName() {
        ThreadCpu.Reading self = ThreadCpu.readAll().get(Thread.currentThread().getId());
        assertThat(self).isNotNull();
        assertThat(self.name()).isEqualTo(Thread.currentThread().getName());
        assertThat(self.cpuNanos()).isPositive();
    }
}
