package dev.callq.bench.cli;

import dev.callq.bench.driver.QueueDrivers;
import dev.callq.bench.driver.QueuePattern;
import dev.callq.bench.env.RedisEndpoint;
import dev.callq.bench.event.PayloadFormat;
import dev.callq.bench.load.RateProfile;
import dev.callq.bench.load.SyntheticLoad;
import dev.callq.bench.report.SideBySideTable;
import dev.callq.bench.report.HtmlReport;
import dev.callq.bench.report.SummaryJson;
import dev.callq.bench.run.ClientResult;
import dev.callq.bench.run.LoadKind;
import dev.callq.bench.run.RunConfig;
import dev.callq.bench.run.RunSummary;
import dev.callq.bench.run.Runner;
import dev.callq.bench.run.Warmup;
import dev.callq.bench.sip.EnqueuedEvents;
import dev.callq.bench.sip.KamailioSizing;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code callq run}: one load, measured once per client, with a side-by-side table and a results folder. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs a load through Redis to a pool of BLPOP workers and measures it, once per client.")
public final class RunCommand implements Callable<Integer> {
    @Option(names = "--client", defaultValue = "both", description = "jedis, lettuce or both (default: ${DEFAULT-VALUE})")
    String client;

    @Option(names = "--workers", defaultValue = "4", description = "consumer threads, one connection each (default: ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--load", defaultValue = "sip", description = "sip (SIPp → Kamailio → Redis) or synthetic (open-loop producer) (default: ${DEFAULT-VALUE})")
    String load;

    @Option(names = "--rate", description = "offered calls/s (sip, default 100) or events/s (synthetic, default 5000); "
            + "synthetic also takes steps:<r1>,<r2>@<s>s or ramp:<from>-<to>")
    String rate;

    @ArgGroup(exclusive = true)
    Length length = new Length();

    static final class Length {
        @Option(names = "--calls", description = "SIP calls in the measured phase (default 1000)")
        Long calls;

        @Option(names = "--duration", description = "seconds of measured load (synthetic default 10)")
        Double durationSeconds;
    }

    @Option(names = "--warmup", defaultValue = "2", description = "seconds of warm-up load, consumed but not measured; "
            + "0 for none (default: ${DEFAULT-VALUE})")
    double warmupSeconds;

    @Option(names = "--warmup-max", defaultValue = "" + Warmup.DEFAULT_MAXIMUM_SECONDS, description = "the warm-up goes on a second at a time while the "
            + "JIT is still compiling, up to this many seconds (default: ${DEFAULT-VALUE})")
    double warmupMaxSeconds;

    @Option(names = "--hold-ms", defaultValue = "200", description = "SIP call hold time between ACK and BYE (default: ${DEFAULT-VALUE})")
    long holdMillis;

    @Option(names = "--payload", defaultValue = "json", description = "json (Call-ID, kind, enqueue stamp) or callid (bare Call-ID, the seed format) (default: ${DEFAULT-VALUE})")
    String payload;

    @Option(names = "--pattern", defaultValue = "blpop", description = "blpop, reliable, batch or stream (default: ${DEFAULT-VALUE})")
    String pattern;

    @Option(names = "--batch-size", defaultValue = "16", description = "events per pop for batch and stream (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--service-time", defaultValue = "none", description = "work per event: none, fixed:3ms, exp:3ms, lognormal:3ms,1.5 (default: ${DEFAULT-VALUE})")
    String serviceTime;

    @Option(names = "--work", defaultValue = "sleep", description = "how the work is done: sleep or spin (CPU) (default: ${DEFAULT-VALUE})")
    String workMode;

    @Option(names = "--arrivals", defaultValue = "constant", description = "synthetic arrivals: constant or poisson (default: ${DEFAULT-VALUE})")
    String arrivals;

    @Option(names = "--producer-connections", defaultValue = "2", description = "synthetic producer connections (default: ${DEFAULT-VALUE})")
    int producerConnections;

    @Option(names = "--pop-timeout-ms", defaultValue = "1000", description = "bound on each blocking pop (default: ${DEFAULT-VALUE})")
    long popTimeoutMillis;

    @Option(names = "--drain-timeout", defaultValue = "30", description = "seconds to wait for the queue to empty after the load (default: ${DEFAULT-VALUE})")
    long drainTimeoutSeconds;

    @Option(names = "--resp", defaultValue = "2", description = "RESP version both clients are pinned to: 2 or 3 (default: ${DEFAULT-VALUE})")
    int respVersion;

    @Option(names = "--redis", description = "use this Redis (host:port) instead of starting one")
    String redis;

    @Option(names = "--out", description = "results folder (default: results/run-<time>)")
    Path outDir;

    @Option(names = "--kamailio-shm-mb", description = "Kamailio's shared memory in MB (default: 64 + 0.25 per call/s, "
            + "rounded up to 64: 128 at 100 calls/s, 320 at 1,000)")
    Integer kamailioShmMb;

    @Option(names = "--kamailio-children", defaultValue = "" + KamailioSizing.DEFAULT_CHILDREN,
            description = "Kamailio SIP worker processes (default: ${DEFAULT-VALUE})")
    int kamailioChildren;

    @Option(names = "--key", defaultValue = RunConfig.QUEUE_KEY, description = "the Redis key of the queue (default: ${DEFAULT-VALUE})")
    String key;

    @Option(names = "--events", description = "which SIP requests Kamailio enqueues: invite or invite,bye "
            + "(default: invite,bye for --payload json, invite for callid)")
    String events;

    @Option(names = "--kamailio-cfg", description = "run this Kamailio script instead of kamailio/kamailio.cfg "
            + "(it must follow the script contract in README.md)")
    Path kamailioCfg;

    @Override
    public Integer call() {
        RunConfig config = toConfig();
        RunSummary summary = new Runner(config, new ConsoleProgress(System.err)).run();
        Path file = SummaryJson.write(summary, config.outDir());
        System.out.println();
        System.out.print(SideBySideTable.render(summary));
        boolean trustworthy = true;
        for (ClientResult result : summary.clients()) {
            for (String warning : result.warnings()) {
                System.out.println("WARNING " + result.client() + ": " + warning);
            }
            boolean eventsBalanced = result.events().lost() == 0 && result.events().duplicates() == 0
                    && result.events().leftInQueue() == 0;
            boolean producerKept = result.producer() == null || result.producer().keptSchedule();
            trustworthy &= eventsBalanced && producerKept;
        }
        System.out.println("results: " + file);
        System.out.println("report: " + HtmlReport.write(config.outDir()));
        return trustworthy ? 0 : Main.EXIT_UNTRUSTWORTHY;
    }

    RunConfig toConfig() {
        LoadKind loadKind = parseEnum(LoadKind.class, load, "--load");
        RateProfile rateProfile = RateProfile.parse(rate != null ? rate : loadKind == LoadKind.SIP ? "100" : "5000");
        if (loadKind == LoadKind.SIP && !(rateProfile instanceof RateProfile.Constant)) {
            throw new IllegalArgumentException("--rate steps and ramps need --load synthetic");
        }
        double ratePerSec = rateProfile.meanRatePerSec(1);
        long calls;
        Duration duration;
        if (length.calls != null) {
            if (loadKind != LoadKind.SIP) {
                throw new IllegalArgumentException("--calls needs --load sip; use --duration for synthetic load");
            }
            calls = requirePositive(length.calls, "--calls");
            duration = Duration.ofNanos((long) (calls / ratePerSec * 1e9));
        } else {
            double seconds = length.durationSeconds != null ? length.durationSeconds : loadKind == LoadKind.SIP ? 10 : 10;
            if (!(seconds > 0)) {
                throw new IllegalArgumentException("--duration must be positive, not " + seconds);
            }
            duration = Duration.ofNanos((long) (seconds * 1e9));
            calls = Math.max(1, Math.round(ratePerSec * seconds));
        }
        if (!(warmupSeconds >= 0) || !(warmupMaxSeconds >= 0)) {
            throw new IllegalArgumentException("--warmup and --warmup-max must not be negative");
        }
        Warmup warmup = new Warmup(Duration.ofNanos((long) (warmupSeconds * 1e9)),
                Duration.ofNanos((long) (warmupMaxSeconds * 1e9)));
        PayloadFormat payloadFormat = parseEnum(PayloadFormat.class, payload, "--payload");
        return new RunConfig(clients(), workers, loadKind, rateProfile, calls, duration, warmup, Duration.ofMillis(requireNonNegative(holdMillis, "--hold-ms")),
                payloadFormat, parseEnum(QueuePattern.class, pattern, "--pattern"),
                (int) requirePositive(batchSize, "--batch-size"), serviceTime, parseWorkMode(),
                parseEnum(SyntheticLoad.Arrivals.class, arrivals, "--arrivals"),
                (int) requirePositive(producerConnections, "--producer-connections"),
                Duration.ofMillis(requirePositive(popTimeoutMillis, "--pop-timeout-ms")),
                Duration.ofSeconds(requirePositive(drainTimeoutSeconds, "--drain-timeout")), respVersion,
                redis == null ? null : parseEndpoint(redis), outDir != null ? outDir : defaultOutDir(),
                kamailioShmMb, kamailioChildren, key,
                events == null ? EnqueuedEvents.defaultFor(payloadFormat) : EnqueuedEvents.parse(events), kamailioCfg);
    }

    private List<String> clients() {
        if ("both".equals(client)) {
            return QueueDrivers.NAMES;
        }
        if (!QueueDrivers.NAMES.contains(client)) {
            throw new IllegalArgumentException("unknown client '" + client + "'; expected jedis, lettuce or both");
        }
        return List.of(client);
    }

    private String parseWorkMode() {
        if (!workMode.equals("sleep") && !workMode.equals("spin")) {
            throw new IllegalArgumentException("--work must be sleep or spin, not '" + workMode + "'");
        }
        return workMode;
    }

    static <E extends Enum<E>> E parseEnum(Class<E> type, String value, String option) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> names = java.util.Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
            throw new IllegalArgumentException(option + " must be one of " + String.join(", ", names)
                    + ", not '" + value + "'");
        }
    }

    static RedisEndpoint parseEndpoint(String text) {
        int colon = text.lastIndexOf(':');
        try {
            return new RedisEndpoint(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--redis must be host:port, not '" + text + "'");
        }
    }

    private static long requirePositive(long value, String option) {
        if (value < 1) {
            throw new IllegalArgumentException(option + " must be at least 1, not " + value);
        }
        return value;
    }

    private static long requireNonNegative(long value, String option) {
        if (value < 0) {
            throw new IllegalArgumentException(option + " must not be negative, not " + value);
        }
        return value;
    }

    private static Path defaultOutDir() {
        return ResultsFolders.timestamped("run");
    }
}
