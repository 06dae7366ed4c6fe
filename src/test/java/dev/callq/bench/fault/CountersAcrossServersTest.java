package dev.callq.bench.fault;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The phase's calls summed over the servers that served it in turn, each from the start of its segment to its end. */
class CountersAcrossServersTest {
    @Test
    void oneServerCountsFromThePhaseStartToItsEnd() {
        CountersAcrossServers.PhaseCalls phase = new CountersAcrossServers()
                .overThePhase(Map.of("rpush", 100L, "lrem", 40L), Map.of("rpush", 350L, "lrem", 240L), false);

        assertThat(phase.uncheckedWhy()).isNull();
        assertThat(phase.of("rpush")).isEqualTo(250);
        assertThat(phase.of("lrem")).isEqualTo(200);
        assertThat(phase.of("xadd")).as("a command never called").isZero();
    }

    /** A restarted server counts from zero: each kill's counters close a segment, the next opens at zero. */
    @Test
    void restartsAddEachKilledServersCountsToTheLastOnes() {
        CountersAcrossServers servers = new CountersAcrossServers();
        servers.replaced(Map.of("rpush", 300L), Map.of());
        servers.replaced(Map.of("rpush", 50L), Map.of());

        CountersAcrossServers.PhaseCalls phase = servers.overThePhase(Map.of("rpush", 100L), Map.of("rpush", 70L), true);

        assertThat(phase.of("rpush")).isEqualTo((300 - 100) + 50 + 70);
    }

    /**
     * A promoted replica's counters include what it replicated before the kill: its segment starts where they
     * stood once nothing more replicated, so only what it served itself counts.
     */
    @Test
    void aFailoverCountsOnlyWhatThePromotedReplicaServedItself() {
        CountersAcrossServers servers = new CountersAcrossServers();
        // the primary served 500 RPUSHes and 480 LREMs in the phase; the replica applied them all and more before
        servers.replaced(Map.of("rpush", 600L, "lrem", 500L), Map.of("rpush", 1_000L, "lrem", 900L, "lpop", 7L));

        CountersAcrossServers.PhaseCalls phase = servers.overThePhase(Map.of("rpush", 100L, "lrem", 20L),
                Map.of("rpush", 1_400L, "lrem", 1_250L, "lpop", 7L), true);

        assertThat(phase.of("rpush")).isEqualTo(500 + 400);
        assertThat(phase.of("lrem")).isEqualTo(480 + 350);
        assertThat(phase.of("lpop")).as("replicated BLPOPs only").isZero();
    }

    @Test
    void aChangeOfServerNoFaultReadIsNotChecked() {
        CountersAcrossServers.PhaseCalls phase = new CountersAcrossServers()
                .overThePhase(Map.of("rpush", 100L), Map.of("rpush", 5L), true);

        assertThat(phase.calls()).isNull();
        assertThat(phase.uncheckedWhy()).contains("not by a fault of this run");
    }

    @Test
    void aSegmentThatCouldNotBeReadSaysWhy() {
        CountersAcrossServers servers = new CountersAcrossServers();
        servers.replaced(Map.of("rpush", 300L), Map.of());
        servers.unreadable("the replica was promoted before its counters were read");

        CountersAcrossServers.PhaseCalls phase = servers.overThePhase(Map.of(), Map.of("rpush", 5L), true);

        assertThat(phase.calls()).isNull();
        assertThat(phase.uncheckedWhy()).isEqualTo("Redis was replaced during the measured phase and the replica "
                + "was promoted before its counters were read: its command statistics were not checked");
    }
}
