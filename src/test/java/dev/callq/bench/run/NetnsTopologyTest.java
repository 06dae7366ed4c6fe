package dev.callq.bench.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callq.bench.cli.Main;
import dev.callq.bench.env.RedisEndpoint;
import dev.callq.bench.env.RedisProbe;
import dev.callq.bench.sip.SipOptionsProbe;
import dev.callq.bench.testkit.NoProcessLeftBehind;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static dev.callq.bench.testkit.Json.required;

/**
 * The external-endpoint mode across a real network hop, as docker-compose.yml deploys it but without
 * Docker: redis-server in one network namespace, Kamailio (the bundled script, run by the test as a user
 * would run their own) in another, the harness in the host namespace with {@code --redis} and
 * {@code --kamailio}. Each namespace has a veth pair whose host end is on a bridge the test creates, with
 * the host at .1 of a private /24: Kamailio reaches Redis and the harness's UAS over the bridge, with no
 * routing or forwarding changed. Everything the test creates is deleted afterwards, also when the JVM is
 * stopped. Needs root and iproute2's {@code ip}; skips without them.
 */
@Isolated("its calls time out in Kamailio when other classes starve the namespaces' processes")
@Tag("processes")
@ExtendWith(NoProcessLeftBehind.class)
class NetnsTopologyTest {
    private static final String SUBNET = "10.213.7.";
    private static final String HOST_ADDRESS = SUBNET + "1";
    private static final String REDIS_ADDRESS = SUBNET + "2";
    private static final String KAMAILIO_ADDRESS = SUBNET + "3";
    private static final int REDIS_PORT = 6379;
    private static final int SIP_PORT = 5060;
    private static final int CALLS = 50;
    private static final Duration STARTUP = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void redisAndKamailioInTheirOwnNamespacesAreMeasuredFromTheHostWithExactAccounting() throws Exception {
        assumeTrue(canCreateNamespaces(), "needs root and iproute2 (ip netns)");
        assumeTrue(!run("ip", "-4", "addr").contains(SUBNET), SUBNET + "0/24 is already in use here");
        Topology topology = new Topology(String.format(Locale.ROOT, "%04x", ThreadLocalRandom.current().nextInt(0x10000)));
        Thread cleanup = new Thread(topology::delete, "netns-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        List<Process> started = new ArrayList<>();
        try {
            topology.create();
            started.add(start(topology.redisNs, "redis.log", "redis-server", "--bind", REDIS_ADDRESS,
                    "--port", Integer.toString(REDIS_PORT), "--save", "", "--appendonly", "no",
                    // No password, reached from another address: only the test's private bridge leads to it.
                    "--protected-mode", "no"));
            RedisEndpoint redis = RedisEndpoint.parse("redis://" + REDIS_ADDRESS + ":" + REDIS_PORT);
            awaitUntil(() -> RedisProbe.ping(redis, Duration.ofMillis(200)), "redis-server in " + topology.redisNs);
            started.add(startKamailio(topology.kamailioNs));
            awaitUntil(() -> SipOptionsProbe.answers200(KAMAILIO_ADDRESS, SIP_PORT, Duration.ofMillis(200)),
                    "kamailio in " + topology.kamailioNs);

            Path outDir = dir.resolve("out");
            int exit = Main.execute("run", "--client", "jedis", "--workers", "2", "--rate", "50",
                    "--calls", Integer.toString(CALLS), "--warmup", "0", "--redis", redis.toString(),
                    "--kamailio", KAMAILIO_ADDRESS + ":" + SIP_PORT, "--out", outDir.toString());

            assertThat(exit).isZero();
            SummaryTree results = new SummaryTree(outDir);
            JsonNode result = results.client("jedis");
            assertThat(required(result, "/calls/attempted").asLong()).isEqualTo(CALLS);
            assertThat(required(result, "/calls/succeeded").asLong()).isEqualTo(CALLS);
            assertThat(required(result, "/events/expected").asLong()).isEqualTo(2 * CALLS);
            assertThat(required(result, "/events/consumed").asLong()).isEqualTo(2 * CALLS);
            assertThat(required(result, "/events/unique").asLong()).isEqualTo(2 * CALLS);
            assertThat(required(result, "/events/lost").asLong()).isZero();
            assertThat(required(result, "/events/leftInQueue").asLong()).isZero();
            assertThat(required(result, "/calls/postDialDelayMicros/count").asLong()).isEqualTo(CALLS);
            assertThat(required(result, "/clientEnvironment/kamailio").asText())
                    .isEqualTo("started by the user, at " + KAMAILIO_ADDRESS + ":" + SIP_PORT);
            assertThat(required(results.summary(), "/environment/redisAddress").asText()).contains(REDIS_ADDRESS);
            // The calls crossed the bridge: SIPp listened on the host's address, not on loopback.
            assertThat(Files.readString(outDir.resolve("logs/jedis/sipp-uac-call-invites.log"))).contains("@" + HOST_ADDRESS);
        } finally {
            for (Process process : started) {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
            topology.delete();
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
    }

    /** The bundled script, run the way a user runs their own Kamailio: listening on its namespace's address. */
    private Process startKamailio(String namespace) throws IOException {
        Path runtime = Files.createDirectories(dir.resolve("kamailio-runtime"));
        return start(namespace, "kamailio.log", "kamailio", "-f", Path.of("kamailio/kamailio.cfg").toAbsolutePath().toString(),
                "-DD", "-E", "-n", "2", "-m", "64", "-M", "8", "-w", dir.toString(), "-Y", runtime.toString(),
                "-P", runtime.resolve("kamailio.pid").toString(),
                "-A", "SIP_PORT=" + SIP_PORT, "-A", "ENQUEUE_BYE",
                "--substdef=!SIP_ADDR!" + KAMAILIO_ADDRESS + "!g",
                "--substdef=!REDIS_HOST!" + REDIS_ADDRESS + "!g",
                "--substdef=!REDIS_PORT!" + REDIS_PORT + "!g",
                "--substdef=!QUEUE_KEY!callq:events!g",
                "--substdef=!CTL_SOCKET!unix:" + runtime.resolve("ctl.sock") + "!g");
    }

    /** {@code ip netns exec} replaces itself with the program, so the process is the program. */
    private Process start(String namespace, String logName, String... command) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(List.of(command));
        return new ProcessBuilder(full).redirectErrorStream(true)
                .redirectOutput(dir.resolve(logName).toFile()).start();
    }

    private static void awaitUntil(java.util.function.BooleanSupplier ready, String what) throws InterruptedException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (!ready.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what + " is up within " + STARTUP.toSeconds() + " s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static boolean canCreateNamespaces() {
        try {
            String probe = "callq-probe-" + ProcessHandle.current().pid();
            Process add = new ProcessBuilder("ip", "netns", "add", probe).redirectErrorStream(true).start();
            boolean created = add.waitFor(5, TimeUnit.SECONDS) && add.exitValue() == 0;
            if (created) {
                new ProcessBuilder("ip", "netns", "del", probe).start().waitFor(5, TimeUnit.SECONDS);
            }
            return created;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs a command to completion and returns its output; a failure fails the test with that output. */
    private static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
            assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
            return output;
        } catch (IOException e) {
            throw new AssertionError(String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Two namespaces, a bridge and two veth pairs, named with one random suffix so runs never collide. */
    private static final class Topology {
        final String redisNs;
        final String kamailioNs;
        final String bridge;
        final String redisVeth;
        final String kamailioVeth;

        Topology(String suffix) {
            redisNs = "callq-redis-" + suffix;
            kamailioNs = "callq-kam-" + suffix;
            bridge = "cqbr" + suffix;
            redisVeth = "cqr" + suffix;
            kamailioVeth = "cqk" + suffix;
        }

        void create() {
            run("ip", "link", "add", bridge, "type", "bridge");
            run("ip", "addr", "add", HOST_ADDRESS + "/24", "dev", bridge);
            run("ip", "link", "set", bridge, "up");
            // Where a Docker engine runs, bridged frames pass iptables' FORWARD chain (br_netfilter), whose
            // policy Docker sets to DROP: Kamailio's namespace would not reach Redis's. Let this bridge's own
            // traffic through, for as long as the bridge lives.
            if (hasIptables()) {
                run("iptables", "-I", "FORWARD", "1", "-i", bridge, "-o", bridge, "-j", "ACCEPT");
            }
            attach(redisNs, redisVeth, REDIS_ADDRESS);
            attach(kamailioNs, kamailioVeth, KAMAILIO_ADDRESS);
        }

        private void attach(String namespace, String veth, String address) {
            run("ip", "netns", "add", namespace);
            run("ip", "link", "add", veth + "h", "type", "veth", "peer", "name", veth + "n");
            run("ip", "link", "set", veth + "h", "master", bridge);
            run("ip", "link", "set", veth + "h", "up");
            run("ip", "link", "set", veth + "n", "netns", namespace);
            run("ip", "-n", namespace, "addr", "add", address + "/24", "dev", veth + "n");
            run("ip", "-n", namespace, "link", "set", veth + "n", "up");
            run("ip", "-n", namespace, "link", "set", "lo", "up");
        }

        /** Deletes what exists of it; deleting a namespace deletes its veth end, and with it the pair. */
        synchronized void delete() {
            for (String namespace : List.of(redisNs, kamailioNs)) {
                quietly("ip", "netns", "pids", namespace).lines().map(String::strip).filter(s -> s.matches("\\d+"))
                        .forEach(pid -> quietly("kill", "-9", pid));
                quietly("ip", "netns", "del", namespace);
            }
            quietly("ip", "link", "del", redisVeth + "h");
            quietly("ip", "link", "del", kamailioVeth + "h");
            quietly("ip", "link", "del", bridge);
            if (hasIptables()) {
                quietly("iptables", "-D", "FORWARD", "-i", bridge, "-o", bridge, "-j", "ACCEPT");
            }
        }

        private static boolean hasIptables() {
            return !quietly("sh", "-c", "command -v iptables").isBlank();
        }

        private static String quietly(String... command) {
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                process.waitFor(10, TimeUnit.SECONDS);
                return output;
            } catch (IOException e) {
                return "";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "";
            }
        }
    }
}
