package dev.callq.bench.env;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Free ports asked for from several threads at once (test classes and shards run side by side). */
class FreePortsTest {
    @Test
    void portsFoundAtTheSameTimeAreAllDifferent() throws Exception {
        int threads = 8;
        int perThread = 100;
        List<Future<List<Integer>>> found = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int t = 0; t < threads; t++) {
                found.add(pool.submit(() -> {
                    List<Integer> ports = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        ports.add(FreePorts.find());
                    }
                    return ports;
                }));
            }
            Set<Integer> distinct = new HashSet<>();
            for (Future<List<Integer>> ports : found) {
                distinct.addAll(ports.get());
            }
            assertThat(distinct).hasSize(threads * perThread);
        } finally {
            pool.shutdownNow();
        }
    }
}
