package dev.callq.bench.cli;

import dev.callq.bench.testkit.StartsEarly;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callq.bench.ExitCode;
import dev.callq.bench.testkit.CallqProcess;
import dev.callq.bench.testkit.CallqProcess.Outcome;
import dev.callq.bench.testkit.RunExit;
import dev.callq.bench.env.FreePorts;
import dev.callq.bench.env.LocalRedis;
import dev.callq.bench.env.RedisEndpoint;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.callq.bench.testkit.Json.required;

/**
 * {@code --redis} against servers set up as users run theirs: a password for the default user, ACL
 * users with and without {@code +blpop}, TLS, Sentinel. Each run either measures every event or stops
 * in one line naming the cause; no password ever reaches the results folder.
 */
@Timeout(180)
@StartsEarly
@Tag("processes")
class RedisLoginTest {
    private static final String DEFAULT_PASSWORD = "dflt-7f3a9c";
    private static final String ALICE_PASSWORD = "alice-2b8e41";
    private static final String BOB_PASSWORD = "bob-c05d17";
    private static final Path CLASSIC_SCRIPT = Path.of("kamailio/examples/classic-rpush-callid.cfg").toAbsolutePath();

    @TempDir
    static Path serverDir;
    @TempDir
    Path tmp;

    private static SecuredRedis redis;

    @BeforeAll
    static void startRedis() throws IOException {
        redis = SecuredRedis.server(serverDir, "redis", List.of(
                "requirepass " + DEFAULT_PASSWORD,
                "user alice on >" + ALICE_PASSWORD + " ~* &* +@all",
                "user bob on >" + BOB_PASSWORD + " ~* &* +@all -blpop"), "alice", ALICE_PASSWORD);
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Test
    void anAclUserRunsBothClientsOnItsDatabaseAndNoPasswordIsWritten() throws Exception {
        Path out = tmp.resolve("out");
        String url = "redis://alice:" + ALICE_PASSWORD + "@127.0.0.1:" + redis.port + "/3";

        // The stream pattern leaves its stream behind, which shows the database the clients used.
        int exit = Main.execute("run", "--load", "synthetic", "--client", "both", "--pattern", "stream",
                "--rate", "200", "--duration", "1", "--warmup", "1", "--warmup-max", "1", "--redis", url, "--out", out.toString());

        JsonNode summary = assertMeasured(exit, out);
        assertThat(required(summary, "/environment/redisServer").asText()).isEqualTo("external");
        assertThat(required(summary, "/environment/redisAddress").asText())
                .isEqualTo("redis://alice:***@127.0.0.1:" + redis.port + "/3");
        assertThat(required(summary, "/environment/redis").asText()).matches("\\d+\\.\\d+\\.\\d+");
        try (Jedis jedis = new Jedis(new HostAndPort("127.0.0.1", redis.port),
                DefaultJedisClientConfig.builder().user("alice").password(ALICE_PASSWORD).build())) {
            assertThat(jedis.exists("callq:events")).as("key in database 0").isFalse();
            jedis.select(3);
            assertThat(jedis.exists("callq:events")).as("key in database 3").isTrue();
        }
        assertNoFileHolds(out, ALICE_PASSWORD);
    }

    @Test
    void aWrongPasswordIsOneLineNamingAuthentication() throws Exception {
        Outcome outcome = callq("run", "--load", "synthetic", "--redis",
                "redis://alice:not-" + ALICE_PASSWORD + "@127.0.0.1:" + redis.port, "--out", tmp.resolve("out").toString());

        assertOneLineError(outcome, "authentication failed for Redis user 'alice' at redis://alice:***@127.0.0.1:"
                + redis.port + ": WRONGPASS");
        assertThat(outcome.stderr()).doesNotContain(ALICE_PASSWORD);
    }

    @Test
    void noPasswordAtAllIsToldTheServerWantsOne() throws Exception {
        Outcome outcome = callq("run", "--load", "synthetic", "--redis", "127.0.0.1:" + redis.port,
                "--out", tmp.resolve("out").toString());

        assertOneLineError(outcome, "Redis at 127.0.0.1:" + redis.port + " requires authentication (NOAUTH)");
    }

    @Test
    void aUserWithoutBlpopIsOneLineNamingTheCommandAndTheUser() throws Exception {
        Outcome outcome = callq("run", "--load", "synthetic", "--redis",
                "redis://bob:" + BOB_PASSWORD + "@127.0.0.1:" + redis.port, "--out", tmp.resolve("out").toString());

        assertOneLineError(outcome, "Redis user 'bob' may not run BLPOP callq:events");
        assertThat(outcome.stderr()).contains("NOPERM").contains("ACL SETUSER bob +blpop").doesNotContain(BOB_PASSWORD);
    }

    @Test
    void tlsToAPlainTextPortSaysSoInOneLine() throws Exception {
        Outcome outcome = callq("run", "--load", "synthetic", "--redis",
                "rediss://:" + DEFAULT_PASSWORD + "@127.0.0.1:" + redis.port, "--out", tmp.resolve("out").toString());

        assertOneLineError(outcome, "Redis at rediss://:***@127.0.0.1:" + redis.port + " speaks plain text, not TLS, on port "
                + redis.port + ": use redis:// for it");
        assertThat(outcome.stderr()).doesNotContain(DEFAULT_PASSWORD);
    }

    @Test
    void theUrlOfAnUnreachableServerIsShownWithoutItsPassword() throws Exception {
        int closedPort = FreePorts.find();

        Outcome outcome = callq("run", "--load", "synthetic", "--redis",
                "redis://:" + DEFAULT_PASSWORD + "@127.0.0.1:" + closedPort, "--out", tmp.resolve("out").toString());

        assertOneLineError(outcome, "Redis at redis://:***@127.0.0.1:" + closedPort + " is unreachable");
        assertThat(outcome.stderr()).doesNotContain(DEFAULT_PASSWORD);
    }

    @Test
    void kamailioLogsInWithTheDefaultUsersPassword() throws Exception {
        Path out = tmp.resolve("out");

        // Lettuce here, Jedis with the classic script below: ndb_redis logs in beside each client.
        int exit = Main.execute("run", "--load", "sip", "--client", "lettuce", "--rate", "50", "--calls", "50",
                "--warmup", "0", "--hold-ms", "50",
                "--redis", "redis://:" + DEFAULT_PASSWORD + "@127.0.0.1:" + redis.port, "--out", out.toString());

        assertThat(exit).as(() -> warnings(out)).isZero();
        JsonNode summary = assertBalanced(out);
        for (JsonNode client : summary.get("clients")) {
            assertThat(required(client, "/events/consumed").asLong()).as("INVITE and BYE of 50 calls").isEqualTo(100);
        }
        assertThat(out.resolve("logs/lettuce/kamailio.cfg")).exists();
        assertThat(out.resolve("logs/lettuce/redis-login.cfg")).doesNotExist();
        assertNoFileHolds(out, DEFAULT_PASSWORD);
    }

    @Test
    void theClassicScriptLogsInWithThePasswordToo() throws Exception {
        Path out = tmp.resolve("out");

        int exit = Main.execute("run", "--load", "sip", "--client", "jedis", "--rate", "50", "--calls", "50",
                "--warmup", "0", "--hold-ms", "50", "--kamailio-cfg", CLASSIC_SCRIPT.toString(), "--key", "calls",
                "--payload", "callid", "--events", "invite",
                "--redis", "redis://:" + DEFAULT_PASSWORD + "@127.0.0.1:" + redis.port, "--out", out.toString());

        assertThat(exit).as(() -> warnings(out)).isZero();
        JsonNode summary = assertBalanced(out);
        assertThat(required(summary, "/clients/0/events/consumed").asLong()).as("one event per INVITE").isEqualTo(50);
        assertNoFileHolds(out, DEFAULT_PASSWORD);
    }

    @Test
    void aScriptThatCannotTakeThePasswordIsRefusedInOneLine() throws Exception {
        String classic = Files.readString(CLASSIC_SCRIPT, StandardCharsets.UTF_8);
        Path script = Files.writeString(tmp.resolve("no-login.cfg"), classic.replace("import_file \"REDIS_LOGIN_FILE\"", ""));

        Outcome outcome = callq("run", "--load", "sip", "--kamailio-cfg", script.toString(), "--key", "calls",
                "--payload", "callid", "--events", "invite",
                "--redis", "redis://:" + DEFAULT_PASSWORD + "@127.0.0.1:" + redis.port, "--out", tmp.resolve("out").toString());

        assertOneLineError(outcome, "--kamailio-cfg " + script + " never uses REDIS_LOGIN_FILE, but Redis has a password");
    }

    @Test
    void aSipRunRefusesTlsInOneLine() throws Exception {
        Outcome outcome = callq("run", "--load", "sip", "--redis", "rediss://:" + DEFAULT_PASSWORD + "@127.0.0.1:1",
                "--out", tmp.resolve("out").toString());

        assertOneLineError(outcome, "Kamailio's ndb_redis has no TLS");
        assertThat(outcome.stderr()).doesNotContain(DEFAULT_PASSWORD);
    }

    @Test
    void aSipRunRefusesWhatNdbRedisCannotLogInWithInOneLine() throws Exception {
        Outcome namedUser = callq("run", "--load", "sip", "--redis",
                "redis://alice:" + ALICE_PASSWORD + "@127.0.0.1:" + redis.port, "--out", tmp.resolve("out").toString());
        Outcome substdefBreaker = callq("run", "--load", "sip", "--redis",
                "redis://:pa!ss@127.0.0.1:" + redis.port, "--out", tmp.resolve("out").toString());

        assertOneLineError(namedUser, "Kamailio's ndb_redis logs in with AUTH <password> only, as the default user, "
                + "so a SIP run cannot log in as 'alice'");
        assertThat(namedUser.stderr()).doesNotContain(ALICE_PASSWORD);
        assertOneLineError(substdefBreaker, "Kamailio cannot be given this Redis password");
        assertThat(substdefBreaker.stderr()).doesNotContain("pa!ss");
    }

    @Test
    void bothClientsSpeakTlsToAServerWithAPasswordAndNoPasswordIsWritten() throws Exception {
        Path out = tmp.resolve("out");
        try (LocalRedis tls = LocalRedis.start(Files.createDirectories(tmp.resolve("tls-server")),
                new LocalRedis.Security(true, true, false))) {
            RedisEndpoint server = tls.endpoint();
            String url = "rediss://" + server.user() + ":" + server.password() + "@127.0.0.1:" + server.port();

            int exit = Main.execute("run", "--load", "synthetic", "--client", "both", "--rate", "200",
                    "--duration", "1", "--warmup", "1", "--warmup-max", "1", "--redis", url, "--redis-ca", server.caFile().toString(),
                    "--out", out.toString());

            JsonNode summary = assertMeasured(exit, out);
            assertThat(required(summary, "/environment/redisAddress").asText())
                    .isEqualTo("rediss://callq:***@127.0.0.1:" + server.port());
            assertNoFileHolds(out, server.password());
        }
    }

    @Test
    void aCertificateNoTrustedCaSignedIsOneLineNamingTls() throws Exception {
        try (LocalRedis tls = LocalRedis.start(Files.createDirectories(tmp.resolve("tls-server")),
                new LocalRedis.Security(false, true, false))) {
            // Without --redis-ca the JVM's CAs are asked, and none of them made the throwaway one.
            Outcome outcome = callq("run", "--load", "synthetic", "--redis", "rediss://127.0.0.1:"
                    + tls.endpoint().port(), "--out", tmp.resolve("out").toString());

            assertOneLineError(outcome, "TLS handshake with Redis at rediss://127.0.0.1:" + tls.endpoint().port()
                    + " failed");
            assertThat(outcome.stderr()).contains("--redis-ca");
        }
    }

    @Test
    void aRedisCallqStartsWithAPasswordAndTlsServesBothClients() throws Exception {
        Path out = tmp.resolve("out");

        int exit = Main.execute("run", "--load", "synthetic", "--client", "both", "--rate", "200", "--duration", "1",
                "--warmup", "1", "--warmup-max", "1", "--redis-auth", "--redis-tls", "--out", out.toString());

        JsonNode summary = assertMeasured(exit, out);
        assertThat(required(summary, "/environment/redisServer").asText()).startsWith("started by callq")
                .contains("ACL user callq").contains("TLS");
        assertThat(required(summary, "/environment/redisAddress").asText()).matches("rediss://callq:\\*\\*\\*@127\\.0\\.0\\.1:\\d+");
        String redisLog = Files.readString(out.resolve("logs/jedis/redis.log"), StandardCharsets.UTF_8);
        assertThat(redisLog).contains("Ready to accept connections");
    }

    @Test
    void aSipRunOnARedisCallqStartsWithAPasswordLogsKamailioIn() throws Exception {
        Path out = tmp.resolve("out");

        int exit = Main.execute("run", "--load", "sip", "--client", "jedis", "--rate", "50", "--calls", "50",
                "--warmup", "0", "--hold-ms", "50", "--redis-auth", "--out", out.toString());

        assertThat(exit).as(() -> warnings(out)).isZero();
        JsonNode summary = assertBalanced(out);
        assertThat(required(summary, "/clients/0/events/consumed").asLong()).isEqualTo(100);
    }

    @Test
    void aSentinelUrlFindsTheMasterForBothClients() throws Exception {
        Path sentinelDir = Files.createDirectories(tmp.resolve("sentinel"));
        try (SecuredRedis sentinel = SecuredRedis.sentinel(sentinelDir, "queue", redis.port, DEFAULT_PASSWORD)) {
            Path out = tmp.resolve("out");
            String url = "redis-sentinel://alice:" + ALICE_PASSWORD + "@127.0.0.1:" + sentinel.port + "/queue";

            int exit = Main.execute("run", "--load", "synthetic", "--client", "both", "--rate", "200",
                    "--duration", "1", "--warmup", "1", "--warmup-max", "1", "--redis", url, "--out", out.toString());

            JsonNode summary = assertMeasured(exit, out);
            assertThat(required(summary, "/environment/redisAddress").asText())
                    .isEqualTo("redis-sentinel://alice:***@127.0.0.1:" + sentinel.port + "/queue");
            assertNoFileHolds(out, ALICE_PASSWORD);
        }
    }

    /**
     * A synthetic run measured every event: exit 0, or 3 only because a busy machine (these tests share
     * two cores with builds and other test classes) kept it off its schedule, which says nothing about the login.
     */
    private static JsonNode assertMeasured(int exit, Path out) throws IOException {
        assertThat(out.resolve("summary.json")).as("exit " + exit + ": a summary").exists();
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        List<JsonNode> clients = new ArrayList<>();
        required(summary, "/clients").forEach(clients::add);
        RunExit.assertTrustworthyOrStarved(exit, clients);
        return assertBalanced(out);
    }

    /** Why a run was not trustworthy, for the message of a failed exit-code assertion. */
    private static String warnings(Path out) {
        try {
            return "warnings: " + new ObjectMapper().readTree(out.resolve("summary.json").toFile()).findValues("warnings");
        } catch (IOException e) {
            return "no summary.json: " + e.getMessage();
        }
    }

    private static JsonNode assertBalanced(Path out) throws IOException {
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("clients")).isNotEmpty();
        for (JsonNode client : summary.get("clients")) {
            assertThat(required(client, "/events/consumed").asLong()).as(client.get("client").asText() + " consumed")
                    .isPositive().isEqualTo(required(client, "/events/expected").asLong());
            assertThat(required(client, "/events/lost").asLong()).isZero();
            assertThat(required(client, "/events/duplicates").asLong()).isZero();
        }
        return summary;
    }

    /** Every file of the results folder, text or binary, read as bytes. */
    private static void assertNoFileHolds(Path out, String secret) throws IOException {
        byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(out)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).as("files in the results folder").hasSizeGreaterThan(5);
        for (Path file : files) {
            assertThat(indexOf(Files.readAllBytes(file), needle)).as("the password in " + file).isEqualTo(-1);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void assertOneLineError(Outcome outcome, String expected) {
        assertThat(outcome.exitCode()).as(outcome.stderr()).isEqualTo(ExitCode.USAGE);
        assertThat(outcome.stderr().strip()).startsWith("callq: error: " + expected).doesNotContain("\n")
                .doesNotContain("Exception");
    }

    private Outcome callq(String... args) throws IOException, InterruptedException {
        return CallqProcess.run(tmp, Map.of(), List.of(args));
    }
}
