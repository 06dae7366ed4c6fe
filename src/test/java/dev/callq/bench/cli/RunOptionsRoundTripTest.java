package dev.callq.bench.cli;

import dev.callq.bench.options.RunDefaults;
import dev.callq.bench.driver.QueuePattern;
import dev.callq.bench.env.LocalRedis;
import dev.callq.bench.env.RedisEndpoint;
import dev.callq.bench.env.RedisPersistence;
import dev.callq.bench.event.PayloadFormat;
import dev.callq.bench.load.SyntheticLoad;
import dev.callq.bench.sip.EnqueuedEvents;
import dev.callq.bench.sip.ExternalKamailio;
import dev.callq.bench.sip.ExternalUas;
import dev.callq.bench.fault.FaultSpec;
import dev.callq.bench.load.LoadKind;
import dev.callq.bench.result.Role;
import dev.callq.bench.netem.RoundTrip;
import dev.callq.bench.result.Shard;
import dev.callq.bench.options.RunArguments;
import dev.callq.bench.options.RunOptions;
import dev.callq.bench.options.RunOptionsFile;
import dev.callq.bench.work.ServiceTime;
import dev.callq.bench.work.Work;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Options built in code, spelled as arguments, read back by {@code callq run}: nothing lost on the way. */
class RunOptionsRoundTripTest {
    private static final Path OUT = Path.of("out");

    /**
     * Every option, set to a value other than its default: no single run takes them all (a Redis the run starts
     * and one it is given, a Kamailio it sizes and one it is given), so five runs share them, and a new option
     * fails this test until one of them sets it.
     */
    static final List<RunOptions> EVERY_OPTION = List.of(
            // synthetic load into a Redis the run starts, shaped every way it can be
            RunOptions.builder().client("lettuce").load(LoadKind.SYNTHETIC).pattern(QueuePattern.BATCH).workers(6)
                    .rate("steps:1000,2000@5s").serviceTime(ServiceTime.parse("lognormal:2.5ms,1.5"))
                    .workMode(Work.Mode.SPIN).arrivals(SyntheticLoad.Arrivals.POISSON).warmupSeconds(0.5)
                    .warmupMaxSeconds(7.0).durationSeconds(12.5).drainTimeoutSeconds(9L).holdMillis(150L)
                    .payload(PayloadFormat.JSON).batchSize(32).producerConnections(3).popTimeoutMillis(250L)
                    .respVersion(3).key("calls").redisAuth(true).redisTls(true).clientTimeoutMillis(1500L)
                    .redisRtt(Duration.ofNanos(500_000)).redisRttJitter(Duration.ofNanos(200_000))
                    .redisStallMillis(300L).faults(List.of(FaultSpec.parse("consumer-crash:1@2s")))
                    .redisPersistence(RedisPersistence.AOF_ALWAYS).profile(true).role(Role.ALL).shard(Shard.WHOLE)
                    .clockSkewMillis(250L).build(),
            // SIP through a Kamailio the run starts and sizes, against a primary, a replica and three sentinels
            RunOptions.builder().client("jedis").load(LoadKind.SIP).calls(500L).kamailioShmMb(256)
                    .kamailioChildren(6).events(EnqueuedEvents.INVITE).payload(PayloadFormat.CALLID)
                    .kamailioCfg(Path.of("kamailio/examples/classic-rpush-callid.cfg")).redisSentinel(true).build(),
            // SIP through the user's own Redis and Kamailio, with their scenarios for the UAC and UAS callq starts
            RunOptions.builder().load(LoadKind.SIP).redis(new RedisEndpoint("10.0.0.2", 6379))
                    .kamailio(ExternalKamailio.parse("10.0.0.3:5060"))
                    .uacScenario(Path.of("sipp-scenarios/uac.xml")).uasScenario(Path.of("sipp-scenarios/uas.xml"))
                    .build(),
            // ... or with their own UAS too
            RunOptions.builder().load(LoadKind.SIP).redis(new RedisEndpoint("10.0.0.2", 6379))
                    .kamailio(ExternalKamailio.parse("10.0.0.3:5060")).uas(ExternalUas.parse("sipp-uas:5070")).build(),
            // one shard of a sharded run against a Redis Cluster (whose first node is the run's --redis)
            RunOptions.builder().client("lettuce").load(LoadKind.SYNTHETIC).role(Role.PRODUCER)
                    .shard(Shard.parse("2/3")).redis(new RedisEndpoint("10.0.0.1", 7000)).redisCluster(List.of(new RedisEndpoint("10.0.0.1", 7000),
                            new RedisEndpoint("10.0.0.2", 7000))).build());

    @Test
    void everyOptionIsSetByOneOfTheRoundTrips() throws Exception {
        List<String> unset = new ArrayList<>();
        for (RecordComponent option : RunOptions.class.getRecordComponents()) {
            boolean set = false;
            for (RunOptions options : EVERY_OPTION) {
                set |= option.getAccessor().invoke(options) != null;
            }
            if (!set) {
                unset.add(option.getName());
            }
        }
        assertThat(unset).as("options that no round trip sets").isEmpty();
    }

    /**
     * Every option {@code callq run} declares (and {@code --help} and docs/run-options.md show) is spelled by
     * {@link RunOptions#toArgs} for one of the round trips: an option declared but left out of the options model
     * would never reach a forked run (a sweep cell, a probe, a planner's run).
     */
    @Test
    void everyDeclaredRunOptionReachesAForkedRun() {
        Set<String> declared = new TreeSet<>();
        for (CommandLine.Model.OptionSpec option : new CommandLine(new RunCommand()).getCommandSpec().options()) {
            declared.add(option.longestName());
        }
        // the command's own (where results go, limits judged after the run, the file a fork reads, help) and
        // --redis-ca, which only a rediss:// URL with a CA file spells (aRedisUrlWithLoginDatabaseAndCa… below)
        declared.removeAll(List.of("--out", "--threshold", "--options-file", "--help", "--version", "--redis-ca"));
        Set<String> spelled = new TreeSet<>();
        for (RunOptions options : EVERY_OPTION) {
            options.toArgs().stream().filter(arg -> arg.startsWith("--")).forEach(spelled::add);
        }

        assertThat(declared).hasSizeGreaterThan(40);
        assertThat(spelled).as("options the round trips spell").containsAll(declared);
    }

    @Test
    void everyOptionSurvivesArgumentsAndParsing() {
        for (RunOptions options : EVERY_OPTION) {
            RunOptions parsed = parsedByRunCommand(options.toArgs());

            assertThat(parsed).as(String.join(" ", options.toArgs())).isEqualTo(options);
            assertThat(parsed.toConfig(OUT)).as(String.join(" ", options.toArgs())).isEqualTo(options.toConfig(OUT));
        }
    }

    /**
     * A forked run's file: everything but the Redis URL, which the child takes from its environment
     * ({@code RunOptionsFileTest} checks that hand-over and that no password reaches the file).
     */
    @Test
    void everyOptionButTheRedisUrlSurvivesAForkedRunsFile(@TempDir Path dir) {
        assumeTrue(System.getenv(RunArguments.REDIS_ENV) == null, "the test reads the file as a child would");
        for (RunOptions options : EVERY_OPTION) {
            RunOptions read = RunOptionsFile.read(RunOptionsFile.write(options, dir));

            assertThat(read).as(String.join(" ", options.toArgs()))
                    .isEqualTo(options.toBuilder().redis(null).redisCluster(null).build());
        }
    }

    @Test
    void aRedisUrlWithLoginDatabaseAndCaSurvivesArgumentsAndParsing(@TempDir Path dir) throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "not read until a connection is made");
        RedisEndpoint redis = RedisEndpoint.parse("rediss://al%20ice:p%40ss+w%2Frd@127.0.0.1:6400/2")
                .withCaFile(ca.toAbsolutePath());
        RunOptions options = RunOptions.builder().load(LoadKind.SYNTHETIC).redis(redis).build();

        RunOptions parsed = parsedByRunCommand(options.toArgs());

        assertThat(parsed).isEqualTo(options);
        assertThat(parsed.redis().user()).isEqualTo("al ice");
        assertThat(parsed.redis().password()).isEqualTo("p@ss+w/rd");
        assertThat(parsed.toConfig(OUT)).isEqualTo(options.toConfig(OUT));
    }

    @Test
    void theLocalRedisFlagsSurviveArgumentsAndParsing() {
        RunOptions options = RunOptions.builder().load(LoadKind.SYNTHETIC).redisAuth(true).redisTls(true).build();

        assertThat(options.toArgs()).containsExactly("--load", "synthetic", "--redis-auth", "--redis-tls");
        assertThat(parsedByRunCommand(options.toArgs())).isEqualTo(options);
        assertThat(options.toConfig(OUT).localRedis()).isEqualTo(new LocalRedis.Security(true, true, false));
    }

    @Test
    void theSentinelFlagSurvivesArgumentsAndParsing() {
        RunOptions options = RunOptions.builder().load(LoadKind.SYNTHETIC).redisSentinel(true).build();

        assertThat(options.toArgs()).containsExactly("--load", "synthetic", "--redis-sentinel");
        assertThat(parsedByRunCommand(options.toArgs())).isEqualTo(options);
        assertThat(parsedByRunCommand(options.toArgs()).toConfig(OUT).redisSentinel()).isTrue();
    }

    @Test
    void faultsAndPersistenceSurviveArgumentsAndParsing() {
        RunOptions options = RunOptions.builder().load(LoadKind.SYNTHETIC).durationSeconds(10.0)
                .faults(List.of(FaultSpec.parse("redis-pause:1500ms@3s"), FaultSpec.parse("redis-restart@5s"),
                        FaultSpec.parse("consumer-crash:2@0.5s")))
                .redisPersistence(RedisPersistence.AOF_ALWAYS).build();

        assertThat(options.toArgs()).containsSubsequence("--fault", "redis-pause:1500ms@3s", "--fault",
                "redis-restart@5s", "--fault", "consumer-crash:2@500ms", "--redis-persistence", "aof-always");
        assertThat(parsedByRunCommand(options.toArgs())).isEqualTo(options);
        assertThat(parsedByRunCommand(options.toArgs()).toConfig(OUT)).isEqualTo(options.toConfig(OUT));
    }

    @Test
    void aRoundTripWithJitterSurvivesArgumentsAndParsing() {
        RunOptions options = RunOptions.builder().load(LoadKind.SYNTHETIC).redisRtt(Duration.ofNanos(500_000))
                .redisRttJitter(Duration.ofNanos(200_000)).build();

        assertThat(options.toArgs()).containsExactly("--load", "synthetic", "--redis-rtt", "500us~200us");
        assertThat(parsedByRunCommand(options.toArgs())).isEqualTo(options);
        assertThat(parsedByRunCommand(List.of("--load", "synthetic", "--redis-rtt", "0.5ms~0.2ms"))).isEqualTo(options);
        assertThat(options.toConfig(OUT).redisRoundTrip()).isEqualTo(new RoundTrip(Duration.ofNanos(500_000),
                Duration.ofNanos(200_000)));
        assertThat(parsedByRunCommand(List.of("--redis-rtt", "2ms")).redisRttJitter()).as("no jitter").isNull();
        assertThatThrownBy(() -> RunOptions.builder().load(LoadKind.SYNTHETIC).redisRttJitter(Duration.ofMillis(1))
                .build().toConfig(OUT)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--redis-rtt's jitter must not exceed its round trip (a delay is never negative), not 0us~1ms");
    }

    @Test
    void sipCallsSurviveArgumentsAndParsing() {
        RunOptions options = RunOptions.builder().client("all").load(LoadKind.SIP).rate("250").calls(500L)
                .payload(PayloadFormat.CALLID).kamailioShmMb(256).kamailioChildren(6).key("calls")
                .events(EnqueuedEvents.INVITE).kamailioCfg(Path.of("kamailio/examples/classic-rpush-callid.cfg")).build();

        assertThat(parsedByRunCommand(options.toArgs()).toConfig(OUT)).isEqualTo(options.toConfig(OUT));
    }

    @Test
    void aRedisClusterTargetSurvivesArgumentsAndParsing() {
        List<String> args = List.of("--client", "lettuce", "--load", "synthetic", "--role", "producer", "--shard", "2/3",
                "--redis", "redis-cluster://10.0.0.1:7000,10.0.0.2:7000");

        RunOptions parsed = parsedByRunCommand(args);

        assertThat(parsed.redisCluster()).containsExactly(new RedisEndpoint("10.0.0.1", 7000),
                new RedisEndpoint("10.0.0.2", 7000));
        assertThat(parsed.redis()).isEqualTo(new RedisEndpoint("10.0.0.1", 7000));
        assertThat(parsed.toArgs()).containsSubsequence("--redis", "redis-cluster://10.0.0.1:7000,10.0.0.2:7000")
                .containsOnlyOnce("--redis");
        assertThat(parsedByRunCommand(parsed.toArgs()).toConfig(OUT)).isEqualTo(parsed.toConfig(OUT));
        assertThatThrownBy(() -> parsedByRunCommand(List.of("--redis", "redis-cluster://10.0.0.1:7000")).toConfig(OUT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs --role producer or consumer");
    }

    @Test
    void theUsersScenariosAndKamailioSurviveArgumentsAndParsing() {
        RunOptions options = RunOptions.builder().load(LoadKind.SIP).redis(new RedisEndpoint("10.0.0.2", 6379))
                .uacScenario(Path.of("sipp-scenarios/uac.xml")).uasScenario(Path.of("sipp-scenarios/uas.xml"))
                .kamailio(ExternalKamailio.parse("10.0.0.3:5060")).build();

        RunOptions parsed = parsedByRunCommand(options.toArgs());

        assertThat(parsed).isEqualTo(options);
        assertThat(parsed.toConfig(OUT)).isEqualTo(options.toConfig(OUT));
        assertThat(parsed.toConfig(OUT).kamailio()).isEqualTo(new ExternalKamailio("10.0.0.3", 5060));
    }

    @Test
    void theUsersUasSurvivesArgumentsAndParsing() {
        RunOptions options = RunOptions.builder().load(LoadKind.SIP).redis(new RedisEndpoint("10.0.0.2", 6379))
                .kamailio(ExternalKamailio.parse("10.0.0.3:5060")).uas(ExternalUas.parse("sipp-uas:5070")).build();

        RunOptions parsed = parsedByRunCommand(options.toArgs());

        assertThat(parsed).isEqualTo(options);
        assertThat(parsed.toConfig(OUT).uas()).isEqualTo(new ExternalUas("sipp-uas", 5070));
    }

    @Test
    void unsetOptionsAreLeftOutAndTakeTheCommandsDefaults() {
        RunOptions options = RunOptions.builder().client("jedis").load(LoadKind.SYNTHETIC).workers(2).build();

        assertThat(options.toArgs()).containsExactly("--client", "jedis", "--load", "synthetic", "--workers", "2");
        assertThat(parsedByRunCommand(options.toArgs())).isEqualTo(options);
        assertThat(parsedByRunCommand(options.toArgs()).toConfig(OUT)).isEqualTo(options.toConfig(OUT));
        assertThat(options.toConfig(OUT).rate().meanRatePerSec(1)).isEqualTo(RunDefaults.ratePerSec(LoadKind.SYNTHETIC));
    }

    @Test
    void theCommandLineAndTheForkedRunReaderAgree() {
        List<String> args = List.of("--load", "synthetic", "--rate", "ramp:100-900", "--service-time", "exp:3ms");

        assertThat(RunArguments.parse(args)).isEqualTo(parsedByRunCommand(args));
        assertThat(RunArguments.parse(args).toArgs()).containsExactly("--load", "synthetic", "--rate", "ramp:100-900",
                "--service-time", "exp:3ms");
    }

    @Test
    void optionsBuiltInCodeAreCheckedAsTheCommandLineIs() {
        RunOptions synthetic = RunOptions.builder().load(LoadKind.SYNTHETIC).payload(PayloadFormat.CALLID).build();

        assertThatThrownBy(() -> synthetic.toConfig(OUT)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("carries no enqueue stamp");
        assertThatThrownBy(() -> parsedByRunCommand(synthetic.toArgs()).toConfig(OUT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("carries no enqueue stamp");
        assertThatThrownBy(() -> RunArguments.parse(List.of("--frobnicate")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unknown option: '--frobnicate'");
    }

    /** A sweep file writes every option as a name and a value: a flag's value is true or false. */
    @Test
    void aFlagTakesAnOptionalTrueOrFalseAsASweepFileSpellsIt() {
        assertThat(RunArguments.parse(List.of("--redis-sentinel", "true", "--load", "synthetic")).redisSentinel())
                .isTrue();
        assertThat(RunArguments.parse(List.of("--redis-sentinel", "--load", "synthetic")).redisSentinel()).isTrue();
        assertThat(RunArguments.parse(List.of("--redis-auth", "false")).redisAuth()).isFalse();
        assertThat(RunArguments.parse(List.of("--profile", "true", "--load", "synthetic")).profile()).isTrue();
    }

    /** As {@code callq run} reads its command line. */
    private static RunOptions parsedByRunCommand(List<String> args) {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs(args.toArray(String[]::new));
        return run.arguments.toOptions();
    }
}
