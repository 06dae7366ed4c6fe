package dev.callq.bench.result;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadRoleTest {

    @Test
    void theHarnessNamesAndTheClientLibrariesNamesFallInTheirGroups() {
        assertThat(ThreadRole.ofName("producer-0")).isEqualTo(ThreadRole.PRODUCER);
        assertThat(ThreadRole.ofName("producer-0-replies")).isEqualTo(ThreadRole.PRODUCER);
        assertThat(ThreadRole.ofName("main")).isEqualTo(ThreadRole.HARNESS);
        assertThat(ThreadRole.ofName("jedis-sampler")).isEqualTo(ThreadRole.HARNESS);
        assertThat(ThreadRole.ofName("lettuce:4-io-threads-sampler")).isEqualTo(ThreadRole.HARNESS);
        assertThat(ThreadRole.ofName("jedis-fault-redis-pause")).isEqualTo(ThreadRole.HARNESS);
        assertThat(ThreadRole.ofName("callq-proxy-1-1")).isEqualTo(ThreadRole.HARNESS);
        assertThat(ThreadRole.ofName("lettuce-epollEventLoop-4-1")).isEqualTo(ThreadRole.CLIENT_IO);
        assertThat(ThreadRole.ofName("redisson-netty-2-3")).isEqualTo(ThreadRole.CLIENT_IO);
        assertThat(ThreadRole.ofName("Reference Handler")).isEqualTo(ThreadRole.JVM);
        // Workers are known by identity: a pool's thread named like one is not one.
        assertThat(ThreadRole.ofName("ForkJoinPool.commonPool-worker-1")).isEqualTo(ThreadRole.JVM);
    }
}
