package dev.callq.bench.sip;

import dev.callq.bench.event.PayloadFormat;
import dev.callq.bench.HarnessException;
import dev.callq.bench.env.FreePorts;
import dev.callq.bench.env.LocalRedis;
import dev.callq.bench.env.RedisEndpoint;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Start-up, shutdown and failure reporting of the Kamailio and SIPp processes. */
@Tag("processes")
class ProcessLifecycleTest {
    @TempDir
    Path runDir;

    @Test
    void closeLeavesNoKamailioOrSippProcess() {
        List<ProcessHandle> started = new ArrayList<>();
        try (LocalRedis redis = LocalRedis.start(runDir);
             LocalKamailio kamailio = LocalKamailio.start(runDir,
                     new KamailioSettings(redis.endpoint(), "callq:events", PayloadFormat.JSON));
             SippUas uas = SippUas.start(runDir, FreePorts.find())) {
            started.addAll(treeOf(kamailio.pid()));
            started.addAll(treeOf(uas.pid()));
            // The attendant plus the SIP workers and Kamailio's timer processes.
            assertThat(treeOf(kamailio.pid())).hasSizeGreaterThan(4);
        }

        assertThat(started).noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void filesOfTheRunStayInTheRunFolder() {
        try (LocalRedis redis = LocalRedis.start(runDir);
             LocalKamailio kamailio = LocalKamailio.start(runDir,
                     new KamailioSettings(redis.endpoint(), "callq:events", PayloadFormat.JSON))) {
            assertThat(runDir.resolve("kamailio.pid")).exists();
            assertThat(runDir.resolve("kamailio.cfg")).exists();
            assertThat(kamailio.logFile()).isEqualTo(runDir.resolve("kamailio.log"));
        }
    }

    /**
     * Closed as soon as it answers, Kamailio may still be forking its workers: none of them may outlive
     * it (one was once found running, orphaned, after this test).
     */
    @Test
    void kamailioClosedRightAfterStartLeavesNoFork() {
        RedisEndpoint nobody = new RedisEndpoint(FreePorts.LOOPBACK, FreePorts.find());
        for (int attempt = 0; attempt < 3; attempt++) {
            Path dir = runDir.resolve("attempt-" + attempt);
            LocalKamailio.start(dir, new KamailioSettings(nobody, "callq:events", PayloadFormat.CALLID)).close();

            assertThat(processesMentioning(dir)).as("attempt %d", attempt).isEmpty();
        }
    }

    @Test
    void kamailioStartsWhileRedisIsDown() {
        // The failure path must be measurable, so Kamailio may not refuse to start without Redis.
        RedisEndpoint nobody = new RedisEndpoint(FreePorts.LOOPBACK, FreePorts.find());
        try (LocalKamailio kamailio = LocalKamailio.start(runDir,
                new KamailioSettings(nobody, "callq:events", PayloadFormat.CALLID))) {
            assertThat(kamailio.sipPort()).isPositive();
            assertThat(kamailio.pushFailures()).isZero();
        }
    }

    @Test
    void uasOnTakenPortFailsWithOneLineNamingItsLog() {
        try (SippUas first = SippUas.start(runDir.resolve("a"), FreePorts.find())) {
            assertThatThrownBy(() -> SippUas.start(runDir.resolve("b"), first.port()))
                    .isInstanceOf(HarnessException.class)
                    .hasMessageContaining("sipp UAS exited at start")
                    .hasMessageContaining("sipp-uas.log")
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void versionsComeFromTheInstalledBinaries() {
        assertThat(LocalKamailio.version()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(Sipp.version()).matches("\\d+\\.\\d+\\.\\d+.*");
    }

    private static List<ProcessHandle> treeOf(long pid) {
        ProcessHandle root = ProcessHandle.of(pid).orElseThrow();
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        tree.add(root);
        return tree;
    }

    /** Every live process whose command line names {@code dir}, orphans included. */
    private static List<String> processesMentioning(Path dir) {
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .map(handle -> handle.pid() + " " + handle.info().commandLine().orElse(""))
                .filter(line -> line.contains(dir.toString()))
                .toList();
    }
}
