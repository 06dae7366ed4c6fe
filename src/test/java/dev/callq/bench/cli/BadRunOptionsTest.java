package dev.callq.bench.cli;

import dev.callq.bench.ExitCode;
import dev.callq.bench.testkit.Console;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code callq run} given options that are wrong on their own or together: one line on stderr and exit 2, before
 * anything is started or written. In this JVM: refusing starts no process. Bad input that needs a process (an
 * unreachable Redis, a busy port, a wrong password) is {@link BadInputTest}'s.
 */
class BadRunOptionsTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--client glide | unknown client 'glide'",
            "--workers 0 | --workers must be at least 1",
            "--rate 0 | rate '0' is not",
            "--rate -5 | rate '-5' is not",
            "--frobnicate | Unknown option: '--frobnicate'",
            "--payload xml | --payload must be one of json, callid",
            "--service-time fast | service time 'fast' is not one of",
            "--load synthetic --payload callid | carries no enqueue stamp",
            "--warmup-max -1 | --warmup and --warmup-max must not be negative",
            "--payload callid --events invite,bye | --payload callid cannot tell a BYE from an INVITE",
            "--events all | --events must be invite or invite,bye, not 'all'",
            "--kamailio-children 0 | --kamailio-children must be at least 1",
            "--kamailio-shm-mb 8 | --kamailio-shm-mb must be at least 16",
            "--load synthetic --kamailio-cfg kamailio/kamailio.cfg | --kamailio-cfg needs --load sip",
            "--kamailio-cfg no/such.cfg | no/such.cfg: no such file",
            "--load synthetic --rate 1e9 --duration 1 | would schedule 1,000,000,000 events, above the 20,000,000",
            "--workers 100000 | --workers 100000 is above 1000",
            "--calls 3000000000 | would schedule 6,000,000,000 events, above the 20,000,000",
            "--shard 3/3 | --shard must be I/N with 0 ≤ I < N, not 3/3",
            "--shard 1/3 | --shard needs --role producer, consumer or sip-load",
            "--role producer --load synthetic --client jedis | --role producer needs --redis",
            "--role consumer --load synthetic --client jedis --redis 127.0.0.1:6379 --fault consumer-crash:1@1s | --role consumer takes no --fault",
            "--redis-rtt 2 | --redis-rtt: '2' is not a number with a unit us, ms or s",
            "--redis-rtt 2ms~ | --redis-rtt: '' is not a number with a unit us, ms or s",
            "--redis-rtt 2ms~1ms~1ms | --redis-rtt: '2ms~1ms~1ms' is not TIME or TIME~JITTER",
            "--redis-rtt 1ms~2ms | --redis-rtt's jitter must not exceed its round trip (a delay is never negative), not 1ms~2ms",
            "--redis-rtt 2s~1ms | --redis-rtt must be between 0 and 1000 ms, not 2s",
            "--redis redis-sentinel://127.0.0.1:26379/mymaster --redis-rtt 1ms | --redis-rtt cannot go with a Sentinel deployment",
            "--uac-scenario src/test/resources/sipp/uac-without-bye.xml | does not send a BYE, but --events invite,bye expects",
            "--kamailio nowhere | --kamailio must be HOST:PORT, not 'nowhere'",
            "--kamailio 127.0.0.1:5060 | --kamailio needs --redis",
            "--role sip-load --load synthetic --client jedis --redis 127.0.0.1:6379 | --role sip-load needs --load sip",
            "--role producer --client jedis --redis 127.0.0.1:6379 | --role producer needs --load synthetic",
            "--client all --pop-timeout-ms 200 | redisson sends pop timeouts in whole seconds",
    })
    void rejectsBadOptionsWithOneLine(String arguments, String expectedMessage) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", "--out", tmp.resolve("out").toString()));
        args.addAll(List.of(arguments.trim().split(" ")));

        Console.Captured console = Console.capture(() -> Main.execute(args.toArray(String[]::new)));

        assertThat(console.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(console.stderr()).contains(expectedMessage).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(console.stderr().lines().filter(l -> l.startsWith("callq: error:")).count()).isEqualTo(1);
    }

}
