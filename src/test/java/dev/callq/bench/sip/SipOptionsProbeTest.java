package dev.callq.bench.sip;

import dev.callq.bench.env.FreePorts;
import dev.callq.bench.env.RedisEndpoint;
import dev.callq.bench.event.PayloadFormat;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The readiness probe of a Kamailio the harness did not start, named by a host name as compose names its
 * services ({@code --kamailio kamailio:5060}). kamailio.cfg keeps no aliases ({@code auto_aliases=no}): it
 * answers an OPTIONS addressed to the address it listens on, and refuses one addressed to a name.
 */
@Tag("processes")
class SipOptionsProbeTest {
    @TempDir
    Path runDir;

    @Test
    void aKamailioNamedByAHostNameIsProbedAtItsAddress() {
        // Kamailio starts without its Redis (init_without_redis): the probe needs no queue.
        RedisEndpoint noRedis = new RedisEndpoint(FreePorts.LOOPBACK, FreePorts.find());
        try (LocalKamailio kamailio = LocalKamailio.start(runDir, new KamailioSettings(noRedis, "callq:events",
                PayloadFormat.JSON))) {
            assertThat(SipOptionsProbe.answers200("localhost", kamailio.sipPort(), Duration.ofSeconds(2))).isTrue();
        }
    }
}
