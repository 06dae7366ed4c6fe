package dev.callq.bench.cli;

import dev.callq.bench.ExitCode;
import dev.callq.bench.options.RunConfig;
import dev.callq.bench.options.RunOptions;
import dev.callq.bench.testkit.CallqProcess;
import dev.callq.bench.testkit.CallqProcess.Outcome;
import dev.callq.bench.env.FreePorts;
import dev.callq.bench.env.LocalRedis;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input gets one clear line on stderr and exit code 2, never a stack trace; run as a user would. */
@Tag("processes")
class BadInputTest {
    @TempDir
    Path tmp;


    @Test
    void anOutThatIsARegularFileSaysSo() throws Exception {
        Path file = Files.writeString(tmp.resolve("not-a-folder"), "x");

        Outcome outcome = callq(Map.of(), List.of("run", "--load", "synthetic", "--out", file.toString()));

        assertThat(outcome.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(outcome.stderr().strip()).isEqualTo("callq: error: cannot create the results folder " + file
                + ": " + file + " exists and is a regular file, not a folder");
    }

    @Test
    void unreachableRedisIsAOneLineError() throws Exception {
        int closedPort = FreePorts.find();

        Outcome outcome = callq(Map.of(), List.of("run", "--load", "synthetic", "--redis", "127.0.0.1:" + closedPort,
                "--out", tmp.resolve("out").toString()));

        assertThat(outcome.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(outcome.stderr().strip()).isEqualTo("callq: error: Redis at 127.0.0.1:" + closedPort
                + " is unreachable (no PONG within 2 s)");
    }

    @Test
    void aKamailioScriptThatIgnoresTheHarnesssDefinesIsOneLineNamingThem() throws Exception {
        Path script = Files.writeString(tmp.resolve("fixed-port.cfg"), """
                #!KAMAILIO
                # Its own port and Redis, written out: the harness could not run it. SIP_PORT in a comment does not count.
                #!substdef "!REDIS_HOST!127.0.0.1!g"
                listen=udp:127.0.0.1:5060
                loadmodule "ndb_redis.so"
                modparam("ndb_redis", "server", "name=srv;addr=REDIS_HOST;port=6379")
                request_route { exit; }
                """);

        Outcome outcome = callq(Map.of(), List.of("run", "--kamailio-cfg", script.toString(),
                "--out", tmp.resolve("out").toString()));

        assertThat(outcome.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(outcome.stderr().strip()).startsWith("callq: error: --kamailio-cfg " + script
                + " never uses SIP_PORT, REDIS_PORT:").doesNotContain("\n");
    }

    @Test
    void aKamailioScriptThatFailsKamailiosCheckIsOneLineWithItsFirstError() throws Exception {
        String classic = Files.readString(Path.of("kamailio/examples/classic-rpush-callid.cfg"));
        Path script = Files.writeString(tmp.resolve("typo.cfg"), classic.replace("t_newtran()", "t_new_tran()"));

        Outcome outcome = callq(Map.of(), List.of("run", "--kamailio-cfg", script.toString(),
                "--out", tmp.resolve("out").toString()));

        assertThat(outcome.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(outcome.stderr().strip()).startsWith("callq: error: --kamailio-cfg " + script
                + " fails kamailio -c: cfg. parser: failed to find command t_new_tran").doesNotContain("\n");
        assertThat(tmp.resolve("out").resolve("summary.json")).doesNotExist();
    }

    @Test
    void missingBinaryNamesThePackageToInstall() throws Exception {
        Path emptyBin = Files.createDirectories(tmp.resolve("bin"));

        Outcome outcome = callq(Map.of("PATH", emptyBin.toString()), List.of("run", "--client", "jedis",
                "--load", "synthetic", "--out", tmp.resolve("out").toString()));

        assertThat(outcome.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(outcome.stderr().strip()).startsWith("callq: error: redis-server not found on PATH")
                .contains("apt-get install -y redis-server").doesNotContain("\n");
    }

    @Test
    void busyPortIsAOneLineError() throws Exception {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(FreePorts.LOOPBACK))) {
            int port = socket.getLocalPort();

            assertThat(FreePorts.isFree(port)).isFalse();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> FreePorts.requireFree(port, "kamailio"))
                    .hasMessage("kamailio: port " + port + " on 127.0.0.1 is already in use");
        }
    }

    @Test
    void aSweepAboveTheCellCapIsRefusedBeforeItsCellsAreListed() throws Exception {
        Path sweep = tmp.resolve("huge.yaml");
        Files.writeString(sweep, """
                name: huge
                load: synthetic
                axes:
                  clients: [jedis]
                  patterns: [blpop]
                  workers: [4]
                  rates: [1000]
                  serviceTimes: [none]
                  repeats: 1000000
                """);

        Outcome outcome = callq(Map.of(), List.of("sweep", sweep.toString(), "--dry-run"));

        assertThat(outcome.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(outcome.stderr().strip()).startsWith("callq: error: ")
                .contains("the sweep has 1,000,000 cells, above the 10,000 a sweep allows").doesNotContain("\n");
    }

    @Test
    void moreWorkersThanRedisAcceptsIsAOneLineError() throws Exception {
        try (LocalRedis redis = LocalRedis.start(tmp)) {
            Process config = new ProcessBuilder("redis-cli", "-p", Integer.toString(redis.endpoint().port()),
                    "CONFIG", "SET", "maxclients", "20").start();
            assertThat(config.waitFor()).isZero();

            Outcome outcome = callq(Map.of(), List.of("run", "--load", "synthetic", "--client", "jedis",
                    "--workers", "10", "--redis", redis.endpoint().toString(), "--out", tmp.resolve("out").toString()));

            // The 10 workers, the synthetic producer's connections and the harness's own.
            int needed = 10 + RunOptions.defaults().producerConnections + RunConfig.OTHER_CONNECTIONS;
            assertThat(outcome.exitCode()).isEqualTo(ExitCode.USAGE);
            assertThat(outcome.stderr().strip()).isEqualTo("callq: error: Redis at " + redis.endpoint()
                    + " accepts 20 clients (maxclients); this run needs " + needed + ": lower --workers");
        }
    }

    /** Runs the CLI in a JVM of its own, so that its environment and exit code are a user's. */
    private Outcome callq(Map<String, String> environment, List<String> args) throws IOException, InterruptedException {
        return CallqProcess.run(tmp, environment, args);
    }
}
