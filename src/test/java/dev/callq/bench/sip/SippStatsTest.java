package dev.callq.bench.sip;

import dev.callq.bench.HarnessException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parsing of files captured from real SIPp 3.6.1 runs of uac.xml through Kamailio. */
class SippStatsTest {
    @TempDir
    Path tempDir;

    @Test
    void finalCumulativeLineGivesCountsOfAllSuccessfulRun() {
        Path csv = golden("uac-stats-20-calls.csv");

        SippStats stats = SippStats.parse(csv);

        assertThat(stats).isEqualTo(new SippStats(20, 20, 0, csv));
    }

    @Test
    void callsRejectedByProxyCountAsFailed() {
        // Redis was stopped: Kamailio answered every INVITE with 500 Queue unavailable.
        SippStats stats = SippStats.parse(golden("uac-stats-redis-down.csv"));

        assertThat(stats.attempted()).isEqualTo(5);
        assertThat(stats.succeeded()).isZero();
        assertThat(stats.failed()).isEqualTo(5);
    }

    @Test
    void statisticsWithoutDataLineAreAnError() throws IOException {
        Path csv = tempDir.resolve("empty.csv");
        Files.writeString(csv, Files.readAllLines(golden("uac-stats-20-calls.csv")).get(0) + "\n");

        assertThatThrownBy(() -> SippStats.parse(csv))
                .isInstanceOf(HarnessException.class)
                .hasMessageContaining("no data line");
    }

    @Test
    void sendLogMapsEachCallIdToIntegerMicros() {
        Map<String, Long> sentMicros = SippSendLog.read(golden("uac-invites.log"));

        assertThat(sentMicros).hasSize(20);
        assertThat(sentMicros).containsEntry("call-1-5535@127.0.0.1", 1_795_695_842_501_804L);
        assertThat(sentMicros).containsEntry("call-2-5535@127.0.0.1", 1_795_695_842_601_778L);
        // 20 calls at 10 cps: the INVITEs are about 100 ms apart.
        assertThat(List.copyOf(sentMicros.values())).isSorted();
    }

    @Test
    void sendLogLineWithFractionalMicrosIsRejected() throws IOException {
        Path log = tempDir.resolve("invites.log");
        Files.writeString(log, "call-1@127.0.0.1 1795695842501804.000000\ncall-2@127.0.0.1 1795695842.601778\n");

        assertThatThrownBy(() -> SippSendLog.read(log))
                .isInstanceOf(HarnessException.class)
                .hasMessageContaining("line 2");
    }

    private static Path golden(String name) {
        try {
            return Path.of(SippStatsTest.class.getResource("/sipp/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
