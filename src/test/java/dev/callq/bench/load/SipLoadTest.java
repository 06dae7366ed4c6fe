package dev.callq.bench.load;

import dev.callq.bench.env.LocalRedis;
import dev.callq.bench.event.PayloadFormat;
import dev.callq.bench.sip.KamailioSettings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The SIP load's accounting with real Kamailio, SIPp and redis-server processes. */
@Tag("processes")
class SipLoadTest {
    @TempDir
    Path runDir;

    @Test
    @SuppressWarnings("try") // Redis is closed early on purpose: Kamailio connected to it, then it died.
    void withRedisDownEveryCallFailsWithItsCauseAndNoEventIsExpected() {
        int calls = 5;
        try (LocalRedis redis = LocalRedis.start(runDir);
             SipLoad load = new SipLoad(runDir, new KamailioSettings(redis.endpoint(), "callq:events", PayloadFormat.JSON),
                     10, calls, Duration.ofMillis(100))) {
            redis.close();

            LoadOutcome outcome = load.measure();

            assertThat(outcome.calls().attempted()).isEqualTo(calls);
            assertThat(outcome.calls().failed()).isEqualTo(calls);
            assertThat(outcome.calls().pushFailures()).isEqualTo(calls);
            assertThat(outcome.calls().pushed()).isZero();
            assertThat(outcome.calls().kamailioErrors().redisFailures()).isEqualTo(calls);
            assertThat(outcome.calls().kamailioErrors().outOfSharedMemory()).isZero();
            assertThat(outcome.calls().failureCauses()).startsWith(calls + " pushes failed")
                    .contains(calls + " Redis commands failed in ndb_redis");
            assertThat(outcome.expectedEvents()).isZero();
            assertThat(runDir.resolve(SipLoad.STATS_START_FILE)).exists();
            assertThat(runDir.resolve(SipLoad.STATS_END_FILE)).content().contains("script:callq_push_failed = " + calls);
        }
    }
}
