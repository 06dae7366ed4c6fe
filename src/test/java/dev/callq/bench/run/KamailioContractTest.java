package dev.callq.bench.run;

import dev.callq.bench.testkit.ChildProcesses;
import dev.callq.bench.testkit.CallqProcess;
import com.fasterxml.jackson.databind.JsonNode;
import dev.callq.bench.ExitCode;
import dev.callq.bench.cli.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A --kamailio-cfg that declares the callq_pushed_* counters but never pushes answers every call and puts
 * nothing in the queue: 0 expected, 0 consumed would balance. It breaks the contract, and the run says so.
 */
@Tag("processes")
class KamailioContractTest {
    private static final Path CLASSIC = Path.of("kamailio/examples/classic-rpush-callid.cfg");

    @TempDir
    Path tmp;

    @AfterEach
    void nothingStartedIsStillRunning() {
        assertThat(ChildProcesses.aliveUnder(tmp)).isEmpty();
    }

    @Test
    void aScriptThatNeverPushesIsRefusedAfterTheWarmUpBeforeMeasuring() throws Exception {
        // Forked, so that its stderr is its own while other classes run beside this one.
        CallqProcess.Outcome outcome = CallqProcess.run(tmp, Map.of(), List.of("run", "--client", "jedis",
                "--kamailio-cfg", neverPushes().toString(), "--key", "calls", "--payload", "callid", "--events", "invite",
                "--rate", "50", "--calls", "50", "--warmup", "1", "--warmup-max", "1", "--out", tmp.resolve("out").toString()));

        assertThat(outcome.exitCode()).as(outcome.stderr()).isEqualTo(ExitCode.USAGE);
        assertThat(outcome.stderr()).contains("callq: error: during the warm-up, the Kamailio "
                + "script's callq_pushed_* counters show 0 pushes while").doesNotContain("\tat ");
        assertThat(tmp.resolve("out/summary.json")).doesNotExist();
    }

    @Test
    void withoutAWarmUpTheRunIsUntrustworthyWithTheContractFirst() throws Exception {
        Path out = tmp.resolve("out");
        int exit = Main.execute("run", "--client", "jedis", "--kamailio-cfg", neverPushes().toString(), "--key",
                "calls", "--payload", "callid", "--events", "invite", "--rate", "50", "--calls", "50", "--warmup", "0",
                "--out", out.toString());

        assertThat(exit).isEqualTo(ExitCode.UNTRUSTWORTHY);
        JsonNode result = new SummaryTree(out).client("jedis");
        JsonNode calls = result.get("calls");
        assertThat(calls).as("calls block").isNotNull();
        assertThat(calls.get("succeeded").asLong()).isEqualTo(50);
        assertThat(calls.get("pushed").asLong()).isZero();
        assertThat(result.get("warnings").get(0).asText()).startsWith("CONTRACT BROKEN: the Kamailio script's "
                + "callq_pushed_* counters show 0 pushes while 50 calls were answered");
        assertThat(Files.readString(out.resolve("report.html"))).contains("jedis contract broken: ");
    }

    /** The classic script with its RPUSH and its counting taken out, the counters still declared. */
    private Path neverPushes() throws Exception {
        String classic = Files.readString(CLASSIC);
        int from = classic.indexOf("\t$var(pushed) = 0;");
        int to = classic.indexOf("\tupdate_stat(\"callq_pushed_invite\", \"+1\");\n");
        assertThat(from).isPositive();
        assertThat(to).isGreaterThan(from);
        String script = classic.substring(0, from) + classic.substring(to + "\tupdate_stat(\"callq_pushed_invite\", \"+1\");\n".length());
        assertThat(script).contains("modparam(\"statistics\", \"variable\", \"callq_pushed_invite\")").doesNotContain("RPUSH %s");
        return Files.writeString(tmp.resolve("never-pushes.cfg"), script);
    }
}
