package dev.callq.bench.cli;

import dev.callq.bench.env.LocalRedis;
import dev.callq.bench.env.RedisEndpoint;
import dev.callq.bench.fault.FaultSpec;
import dev.callq.bench.load.LoadKind;
import dev.callq.bench.netem.RoundTrip;
import dev.callq.bench.options.RunDefaults;
import dev.callq.bench.options.RunOptions;
import dev.callq.bench.options.RunOptionsFile;
import dev.callq.bench.result.SummaryJson;
import dev.callq.bench.sip.ExternalKamailio;
import dev.callq.bench.work.ServiceTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Options given on the command line or set in code, written to a forked run's file or shown as arguments, read back by
 * {@code callq run}: nothing lost on the way, and every option the model declares is what {@code run --help} shows.
 */
class RunOptionsRoundTripTest {
    private static final Path OUT = Path.of("out");
    /** The options of {@code callq run} that are not run options: where results go, limits judged after the run, help. */
    private static final List<String> RUN_COMMANDS_OWN = List.of("--out", "--threshold", "--options-file", "--help",
            "--version");

    /**
     * Every option, set to a value other than its default: no single run takes them all (a Redis the run starts
     * and one it is given, a Kamailio it sizes and one it is given), so five runs share them, and a new option
     * fails {@link #everyOptionIsSetByOneOfTheRoundTrips} until one of them sets it.
     */
    static List<RunOptions> everyOption() {
        // synthetic load into a Redis the run starts, shaped every way it can be; some values set in code
        RunOptions synthetic = RunOptions.of("--client", "lettuce", "--load", "synthetic", "--pattern", "batch",
                "--workers", "6", "--rate", "steps:1000,2000@5s", "--work", "spin", "--arrivals", "poisson", "--seed", "42",
                "--warmup", "0.5", "--warmup-max", "7", "--duration", "12.5", "--drain-timeout", "9", "--hold-ms", "150",
                "--batch-size", "32", "--producer-connections", "3", "--pop-timeout-ms", "250", "--resp", "3",
                "--key", "calls", "--redis-auth", "--redis-tls", "--client-timeout-ms", "1500",
                "--redis-stall-ms", "300", "--redis-persistence", "aof-always", "--profile", "--clock-skew-ms", "250");
        synthetic.serviceTime = ServiceTime.parse("lognormal:2.5ms,1.5");
        synthetic.redisRtt = new RoundTrip(Duration.ofNanos(500_000), Duration.ofNanos(200_000));
        synthetic.faults = List.of(FaultSpec.parse("consumer-crash:1@2s"));
        return List.of(synthetic,
                // SIP through a Kamailio the run starts and sizes, against a primary, a replica and three sentinels
                RunOptions.of("--client", "jedis", "--load", "sip", "--calls", "500", "--kamailio-shm-mb", "256",
                        "--kamailio-children", "6", "--events", "invite", "--payload", "callid",
                        "--kamailio-cfg", "kamailio/examples/classic-rpush-callid.cfg", "--redis-sentinel"),
                // SIP through the user's own Redis and Kamailio, with their scenarios for the UAC and UAS callq starts
                RunOptions.of("--load", "sip", "--redis", "10.0.0.2:6379", "--kamailio", "10.0.0.3:5060",
                        "--uac-scenario", "sipp-scenarios/uac.xml", "--uas-scenario", "sipp-scenarios/uas.xml"),
                // ... or with their own UAS too
                RunOptions.of("--load", "sip", "--redis", "10.0.0.2:6379", "--kamailio", "10.0.0.3:5060",
                        "--uas", "sipp-uas:5070"),
                // one shard of a sharded run against a Redis Cluster
                RunOptions.of("--client", "lettuce", "--load", "synthetic", "--role", "producer", "--shard", "2/3",
                        "--redis", "redis-cluster://10.0.0.1:7000,10.0.0.2:7000"));
    }

    /** A new option fails here until one of {@link #everyOption()}'s runs sets it to something else than its default. */
    @Test
    void everyOptionIsSetByOneOfTheRoundTrips() {
        Set<String> unset = new TreeSet<>(declaredRunOptions());
        // only a rediss:// URL with a CA file on disk takes it: aRedisUrlWithLoginDatabaseAndCaSurvives… below
        unset.remove("--redis-ca");
        for (RunOptions options : everyOption()) {
            unset.removeAll(options.toArgs());
        }

        assertThat(declaredRunOptions()).hasSizeGreaterThan(40);
        assertThat(unset).as("options that no round trip sets").isEmpty();
    }

    /** What {@code callq run --help} prints is the options model's options (and the command's own), hidden ones aside. */
    @Test
    void runHelpShowsExactlyTheOptionsOfTheModel() {
        Set<String> model = new TreeSet<>(RUN_COMMANDS_OWN);
        model.remove("--options-file");   // hidden: only a forked run is given it
        for (OptionSpec option : CommandSpec.forAnnotatedObject(RunOptions.defaults()).options()) {
            if (!option.hidden()) {
                model.add(option.longestName());
            }
        }

        assertThat(helpOptions()).as("options in callq run --help").isEqualTo(model);
    }

    @Test
    void everyOptionSurvivesArgumentsAndParsing() {
        for (RunOptions options : everyOption()) {
            RunOptions parsed = parsedByRunCommand(options.toArgs());

            assertThat(parsed).as(String.join(" ", options.toArgs())).isEqualTo(options);
            assertThat(parsed.toConfig(OUT)).as(String.join(" ", options.toArgs())).isEqualTo(options.toConfig(OUT));
        }
    }

    /**
     * A forked run's file holds every option by name, and gives back everything but the Redis URL, which the child
     * takes from its environment ({@code RunOptionsFileTest} checks that hand-over and that no password reaches the file).
     */
    @Test
    void everyOptionButTheRedisUrlSurvivesAForkedRunsFile(@TempDir Path dir) throws Exception {
        assumeTrue(System.getenv(RunOptions.REDIS_ENV) == null, "the test reads the file as a child would");
        for (RunOptions options : everyOption()) {
            Path file = RunOptionsFile.write(options, dir);
            RunOptions read = RunOptionsFile.read(file);
            RunOptions withoutRedis = options.copy();
            withoutRedis.redis = null;

            assertThat(read).as(options.toString()).isEqualTo(withoutRedis);
            List<String> keys = new ArrayList<>();
            SummaryJson.mapper().readTree(file.toFile()).fieldNames().forEachRemaining(key -> keys.add("--" + key));
            assertThat(keys).as("options in " + file).containsAll(options.toArgs().stream()
                    .filter(arg -> arg.startsWith("--") && !arg.equals("--redis")).toList());
        }
    }

    @Test
    void aRedisUrlWithLoginDatabaseAndCaSurvivesArgumentsAndParsing(@TempDir Path dir) throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "not read until a connection is made");
        RunOptions options = RunOptions.of("--load", "synthetic", "--redis",
                "rediss://al%20ice:p%40ss+w%2Frd@127.0.0.1:6400/2", "--redis-ca", ca.toString());

        RunOptions parsed = parsedByRunCommand(options.toArgs());

        assertThat(parsed).isEqualTo(options);
        RedisEndpoint redis = parsed.toConfig(OUT).redis();
        assertThat(redis.user()).isEqualTo("al ice");
        assertThat(redis.password()).isEqualTo("p@ss+w/rd");
        assertThat(redis.caFile()).isEqualTo(ca.toAbsolutePath().normalize());
        assertThat(parsed.toConfig(OUT)).isEqualTo(options.toConfig(OUT));
        assertThat(options.toString()).doesNotContain("p%40ss");
    }

    @Test
    void theLocalRedisFlagsSurviveArgumentsAndParsing() {
        RunOptions options = RunOptions.of("--load", "synthetic", "--redis-auth", "--redis-tls");

        assertThat(options.toArgs()).containsExactly("--load", "synthetic", "--redis-auth", "true", "--redis-tls", "true");
        assertThat(parsedByRunCommand(options.toArgs())).isEqualTo(options);
        assertThat(options.toConfig(OUT).localRedis()).isEqualTo(new LocalRedis.Security(true, true, false));
    }

    @Test
    void faultsAndPersistenceSetInCodeSurviveArgumentsAndParsing() {
        RunOptions options = RunOptions.of("--load", "synthetic", "--duration", "10", "--redis-persistence", "aof-always");
        options.faults = List.of(FaultSpec.parse("redis-pause:1500ms@3s"), FaultSpec.parse("redis-restart@5s"),
                FaultSpec.parse("consumer-crash:2@0.5s"));

        assertThat(options.toArgs()).containsSubsequence("--fault", "redis-pause:1500ms@3s", "--fault",
                "redis-restart@5s", "--fault", "consumer-crash:2@500ms", "--redis-persistence", "aof-always");
        assertThat(parsedByRunCommand(options.toArgs())).isEqualTo(options);
        assertThat(parsedByRunCommand(options.toArgs()).toConfig(OUT)).isEqualTo(options.toConfig(OUT));
    }

    @Test
    void aRoundTripWithJitterSurvivesArgumentsAndParsing() {
        RunOptions options = RunOptions.of("--load", "synthetic", "--redis-rtt", "0.5ms~0.2ms");

        assertThat(options.toArgs()).containsExactly("--load", "synthetic", "--redis-rtt", "500us~200us");
        assertThat(parsedByRunCommand(options.toArgs())).isEqualTo(options);
        assertThat(options.toConfig(OUT).redisRoundTrip()).isEqualTo(new RoundTrip(Duration.ofNanos(500_000),
                Duration.ofNanos(200_000)));
        assertThat(parsedByRunCommand(List.of("--redis-rtt", "2ms")).redisRtt.jitter()).as("no jitter").isZero();
        assertThatThrownBy(() -> RunOptions.of("--redis-rtt", "1ms~2ms")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--redis-rtt's jitter must not exceed its round trip (a delay is never negative), not 1ms~2ms");
    }

    @Test
    void aRedisClusterTargetSurvivesArgumentsAndParsing() {
        RunOptions parsed = parsedByRunCommand(List.of("--client", "lettuce", "--load", "synthetic", "--role", "producer",
                "--shard", "2/3", "--redis", "redis-cluster://10.0.0.1:7000,10.0.0.2:7000"));

        assertThat(parsed.toConfig(OUT).redisCluster()).containsExactly(new RedisEndpoint("10.0.0.1", 7000),
                new RedisEndpoint("10.0.0.2", 7000));
        assertThat(parsed.toConfig(OUT).redis()).isEqualTo(new RedisEndpoint("10.0.0.1", 7000));
        assertThat(parsed.toArgs()).containsSubsequence("--redis", "redis-cluster://10.0.0.1:7000,10.0.0.2:7000")
                .containsOnlyOnce("--redis");
        assertThat(parsedByRunCommand(parsed.toArgs()).toConfig(OUT)).isEqualTo(parsed.toConfig(OUT));
        assertThatThrownBy(() -> parsedByRunCommand(List.of("--redis", "redis-cluster://10.0.0.1:7000")).toConfig(OUT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs --role producer or consumer");
    }

    @Test
    void theUsersKamailioSetInCodeSurvivesArgumentsAndParsing() {
        RunOptions options = RunOptions.of("--load", "sip", "--redis", "10.0.0.2:6379");
        options.kamailio = ExternalKamailio.parse("10.0.0.3:5060");

        RunOptions parsed = parsedByRunCommand(options.toArgs());

        assertThat(parsed).isEqualTo(options);
        assertThat(parsed.toConfig(OUT).kamailio()).isEqualTo(new ExternalKamailio("10.0.0.3", 5060));
    }

    @Test
    void optionsAtTheirDefaultsAreLeftOutOfTheArgumentsAndTakeTheCommandsDefaults() {
        RunOptions options = RunOptions.of("--client", "jedis", "--load", "synthetic", "--workers", "2", "--key",
                RunOptions.defaults().key);

        assertThat(options.toArgs()).containsExactly("--client", "jedis", "--workers", "2", "--load", "synthetic");
        assertThat(parsedByRunCommand(options.toArgs())).isEqualTo(options);
        assertThat(parsedByRunCommand(options.toArgs()).toConfig(OUT)).isEqualTo(options.toConfig(OUT));
        assertThat(options.toConfig(OUT).rate().meanRatePerSec(1)).isEqualTo(RunDefaults.ratePerSec(LoadKind.SYNTHETIC));
    }

    /** Options built in code take their Redis from code alone; {@code callq run} and a forked run's file from the environment too. */
    @Test
    void codeBuiltOptionsNeverTakeTheEnvironmentsRedis() {
        assertThat(RunOptions.defaults().redis).isNull();
        assertThat(RunOptions.of("--load", "synthetic").redis).isNull();
        assertThat(RunOptions.of("--redis", "10.0.0.2:6379").redis).isEqualTo("10.0.0.2:6379");
        assertThat(RunOptions.of("--redis=10.0.0.2:6379").redis).isEqualTo("10.0.0.2:6379");
    }

    @Test
    void noFaultsAndAnEmptyListOfThemAreTheSameOptions(@TempDir Path dir) {
        assumeTrue(System.getenv(RunOptions.REDIS_ENV) == null, "the test reads the file as a child would");
        RunOptions none = RunOptions.of("--load", "synthetic");
        RunOptions empty = none.copy();
        empty.faults = List.of();

        assertThat(empty).isEqualTo(none);
        assertThat(RunOptionsFile.read(RunOptionsFile.write(empty, dir))).isEqualTo(none);
    }

    @Test
    void aCopyIsChangedWithoutChangingTheOriginal() {
        RunOptions options = RunOptions.of("--workers", "3");
        RunOptions copy = options.copy();
        copy.workers = 5;

        assertThat(options.workers).isEqualTo(3);
        assertThat(copy).isNotEqualTo(options);
        assertThat(options.toConfig(OUT).options()).isEqualTo(options).isNotSameAs(options);
    }

    @Test
    void optionsBuiltInCodeAreCheckedAsTheCommandLineIs() {
        RunOptions synthetic = RunOptions.of("--load", "synthetic", "--payload", "callid");

        assertThatThrownBy(() -> synthetic.toConfig(OUT)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("carries no enqueue stamp");
        assertThatThrownBy(() -> parsedByRunCommand(synthetic.toArgs()).toConfig(OUT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("carries no enqueue stamp");
        assertThatThrownBy(() -> RunOptions.parse(List.of("--frobnicate")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unknown option: '--frobnicate'");
        assertThatThrownBy(() -> RunOptions.parse(List.of("--payload", "xml")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--payload must be one of json, callid, not 'xml'");
    }

    /** A sweep file writes every option as a name and a value: a flag's value is true or false. */
    @Test
    void aFlagTakesAnOptionalTrueOrFalseAsASweepFileSpellsIt() {
        assertThat(RunOptions.parse(List.of("--redis-sentinel", "true", "--load", "synthetic")).redisSentinel).isTrue();
        assertThat(RunOptions.parse(List.of("--redis-sentinel", "--load", "synthetic")).redisSentinel).isTrue();
        assertThat(RunOptions.parse(List.of("--redis-auth", "false")).redisAuth).isFalse();
        assertThat(RunOptions.parse(List.of("--profile", "true", "--load", "synthetic")).profile).isTrue();
    }

    /** The run options {@code callq run} declares: every one but the command's own. */
    private static Set<String> declaredRunOptions() {
        Set<String> declared = new TreeSet<>();
        for (OptionSpec option : new CommandLine(new RunCommand()).getCommandSpec().options()) {
            declared.add(option.longestName());
        }
        declared.removeAll(RUN_COMMANDS_OWN);
        return declared;
    }

    /** The options {@code callq run --help} prints, read from its text as a user sees it. */
    private static Set<String> helpOptions() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new CommandLine(new RunCommand()).usage(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        Pattern option = Pattern.compile("^\\s{2}(?:-\\w, )?\\s*(--[a-z0-9-]+)");
        Set<String> help = new TreeSet<>();
        for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
            Matcher matcher = option.matcher(line);
            if (matcher.find()) {
                help.add(matcher.group(1));
            }
        }
        return help;
    }

    /** As {@code callq run} reads its command line. */
    private static RunOptions parsedByRunCommand(List<String> args) {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs(args.toArray(String[]::new));
        return run.options;
    }
}
