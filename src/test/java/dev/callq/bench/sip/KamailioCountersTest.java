package dev.callq.bench.sip;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Kamailio's counters and errors read from what kamcmd and Kamailio 5.6 actually print. */
@Tag("processes")
class KamailioCountersTest {
    // Abridged from a kamailio-stats-end.txt of a run: the format LocalKamailio.counters writes.
    private static final String SNAPSHOT = """
            # kamcmd stats.get_statistics all
            core:rcv_requests_invite = 1200
            script:callq_push_failed = 3
            script:callq_pushed_bye = 500
            script:callq_pushed_invite = 503
            shmem:max_used_size = 290574848
            # kamcmd tm.stats
            {
            \tcurrent: 807
            \twaiting: 800
            \t5xx: 3
            }
            """;

    @Test
    void readsTheStatisticsAndTmStatsUnderOneNaming() {
        KamailioCounters counters = KamailioCounters.parse(SNAPSHOT);

        assertThat(counters.get(KamailioCounters.PUSHED_INVITE)).isEqualTo(503);
        assertThat(counters.get(KamailioCounters.PUSHED_BYE)).isEqualTo(500);
        assertThat(counters.get(KamailioCounters.PUSH_FAILED)).isEqualTo(3);
        assertThat(counters.get("shmem:max_used_size")).isEqualTo(290_574_848L);
        assertThat(counters.get("tm:current")).isEqualTo(807);
        assertThat(counters.get("tm:5xx")).isEqualTo(3);
        assertThat(counters.countsPushes()).isTrue();
        assertThat(counters.valueIfKept(KamailioCounters.RELAY_TIMEOUTS)).isNull();
    }

    @Test
    void theGrowthSinceAnEarlierSnapshotIsWhatTheMeasuredPhasePushed() {
        KamailioCounters start = KamailioCounters.parse("""
                # kamcmd stats.get_statistics all
                script:callq_pushed_invite = 300
                script:callq_pushed_bye = 300
                """);

        KamailioCounters delta = KamailioCounters.parse(SNAPSHOT).since(start);

        assertThat(delta.get(KamailioCounters.PUSHED_INVITE) + delta.get(KamailioCounters.PUSHED_BYE)).isEqualTo(403);
    }

    @Test
    void aScriptWithoutTheCountersDoesNotCountItsPushes() {
        KamailioCounters counters = KamailioCounters.parse("""
                # kamcmd stats.get_statistics all
                core:rcv_requests_invite = 10
                """);

        assertThat(counters.countsPushes()).isFalse();
    }

    @Test
    void countsOutOfMemoryAndOneRedisFailurePerFailedCommand() {
        List<String> log = List.of(
                " 2(31200) ERROR: <core> [core/sip_msg_clone.c:497]: sip_msg_shm_clone(): could not allocate shared memory from shm pool",
                " 3(15963) ERROR: ndb_redis [redis_client.c:568]: redisc_reconnect_server(): error communicating with redis server [queue] (127.0.0.1:16379/0): Connection refused",
                " 3(15963) ERROR: ndb_redis [redis_client.c:577]: redisc_reconnect_server(): failed to connect to redis server [queue] (127.0.0.1:16379/0)",
                " 3(15963) ERROR: ndb_redis [redis_client.c:1030]: redisc_exec(): unable to reconnect to redis server: queue",
                " 3(15963) ERROR: <script>: CALLQ_PUSH_FAILED method=INVITE callId=2-15981@127.0.0.1 key=calls");

        KamailioErrors errors = KamailioErrors.count(log, 2L);

        assertThat(errors).isEqualTo(new KamailioErrors(1, 1, 2L));
        assertThat(errors.describe()).isEqualTo("Kamailio out of shared memory 1 times (raise --kamailio-shm-mb); "
                + "1 Redis commands failed in ndb_redis (see kamailio.log); 2 relayed requests timed out in tm");
    }
}
