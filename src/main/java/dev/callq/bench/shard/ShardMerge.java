package dev.callq.bench.shard;

import dev.callq.bench.result.Shard;
import dev.callq.bench.run.MeasuredWindow;
import dev.callq.bench.HarnessException;
import dev.callq.bench.load.CallStats;
import dev.callq.bench.sip.SessionMetrics;
import dev.callq.bench.measure.Accounting;
import dev.callq.bench.env.Provenance;
import dev.callq.bench.measure.EventSets;
import dev.callq.bench.measure.IntervalLog;
import dev.callq.bench.measure.IntervalLogReader;
import dev.callq.bench.measure.LatencyRecorder;
import dev.callq.bench.measure.LatencySummary;
import dev.callq.bench.measure.Metric;
import dev.callq.bench.result.BacklogTrend;
import dev.callq.bench.result.ClientResult;
import dev.callq.bench.result.RunSummary;
import dev.callq.bench.result.ShardPart;
import dev.callq.bench.result.SustainedLoad;
import dev.callq.bench.result.Timeseries;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Adds up the parts of a sharded run ({@code shards/<role>-<i>/}) into the results of one run: the
 * histograms interval by interval (HdrHistogram {@code add}: percentiles are read from the sum, never
 * averaged), the accounting from the producers' and consumers' event sets (so an event taken by two
 * consumer shards counts as a duplicate), and the time series second by second. Writes the merged
 * {@code <client>.hlog} and time series beside {@code shards/}; the caller writes summary.json and the report.
 */
public final class ShardMerge {
    private ShardMerge() {
    }

    /** Merges the parts under {@code resultsDir/shards}; returns the run's summary. */
    public static RunSummary merge(Path resultsDir) {
        Path shardsDir = resultsDir.resolve(ShardPart.SHARDS_FOLDER);
        List<Path> dirs = shardFolders(shardsDir);
        List<ShardPart> producers = new ArrayList<>();
        List<ShardPart> consumers = new ArrayList<>();
        Map<ShardPart, Path> folders = new LinkedHashMap<>();
        for (Path dir : dirs) {
            ShardPart part = ShardPart.read(dir);
            folders.put(part, dir);
            (part.isProducer() ? producers : consumers).add(part);
        }
        requireEveryShardOnce(shardsDir, folders);
        if (producers.isEmpty() || consumers.isEmpty()) {
            throw new HarnessException(shardsDir + " holds " + producers.size() + " producer and " + consumers.size()
                    + " consumer parts; a merge needs at least one of each");
        }
        String client = consumers.get(0).client();
        for (ShardPart part : folders.keySet()) {
            if (!part.client().equals(client) || part.startMicros() != consumers.get(0).startMicros()) {
                throw new HarnessException(shardsDir + " mixes runs: " + part.role() + " " + part.shard()
                        + " ran " + part.client() + " from " + part.startMicros() + ", consumer " + consumers.get(0).shard()
                        + " ran " + client + " from " + consumers.get(0).startMicros());
            }
        }
        long measureFromMicros = consumers.get(0).measureFromMicros();
        List<String> warnings = new ArrayList<>();
        folders.forEach((part, dir) -> part.warnings().forEach(w -> warnings.add(dir.getFileName() + ": " + w)));

        Accounting accounting = accounting(producers, consumers, warnings);
        Map<Metric, Histogram> cumulative = mergeIntervals(folders, measureFromMicros,
                resultsDir.resolve(client + ".hlog"), client);
        mergeTimeseries(consumers, folders, measureFromMicros, Timeseries.file(resultsDir, client), client);

        long producerUncertainty = producers.stream().mapToLong(ShardMerge::stampUncertaintyMicros).max().orElse(0);
        if (producers.stream().anyMatch(p -> p.isSipLoad() && p.clientEnvironment().getOrDefault("kamailio", "")
                .startsWith("started by the user"))) {
            warnings.add("a Kamailio started by the user stamps the events with its host's clock, which no shard "
                    + "measured: the stated clock uncertainty leaves it out");
        }
        long consumerUncertainty = consumers.stream().mapToLong(ShardPart::clockUncertaintyMicros).max().orElse(0);
        Map<String, LatencySummary> latency = new LinkedHashMap<>();
        for (Metric metric : List.of(Metric.ENQUEUE_TO_DEQUEUE, Metric.SERVICE_TIME, Metric.ENQUEUE_TO_DONE)) {
            Histogram histogram = cumulative.getOrDefault(metric, new Histogram(LatencyRecorder.SIGNIFICANT_DIGITS));
            // The stamp is read on a producer's host, the dequeue (and done) time on a consumer's.
            long uncertainty = metric == Metric.SERVICE_TIME ? 0 : producerUncertainty + consumerUncertainty;
            if (histogram.getTotalCount() > 0 || metric == Metric.ENQUEUE_TO_DEQUEUE) {
                latency.put(metric.tag(), LatencySummary.of(histogram, sum(consumers, p -> p.nonPositive()
                        .getOrDefault(metric.tag(), 0L)), uncertainty));
            }
        }
        long nonPositive = latency.get(Metric.ENQUEUE_TO_DEQUEUE.tag()).nonPositive();
        if (nonPositive > 0) {
            warnings.add(nonPositive + " enqueue→dequeue samples were zero or negative (clocks not aligned?); "
                    + "recorded as 0");
        }
        if (!accounting.balanced()) {
            warnings.add("accounting does not balance: " + accounting);
        }

        long measureStart = producers.stream().mapToLong(ShardPart::measureFromMicros).min().orElseThrow();
        long measureEnd = producers.stream().mapToLong(ShardPart::measureEndMicros).max().orElseThrow();
        long lastDequeued = consumers.stream().mapToLong(ShardPart::lastDequeuedMicros).max().orElseThrow();
        List<ShardPart> sipLoads = producers.stream().filter(ShardPart::isSipLoad).toList();
        // A SIP run's results hold its calls, not a producer's schedule, as a whole SIP run's do.
        ClientResult.Producer producer = sipLoads.size() == producers.size() ? null
                : producer(producers, cumulative.get(Metric.PRODUCER_LAG), warnings);
        CallStats calls = sipLoads.isEmpty() ? null : calls(sipLoads);
        ShardPart first = consumers.get(0);
        Map<String, String> clientEnvironment = new LinkedHashMap<>(first.clientEnvironment());
        producers.forEach(p -> clientEnvironment.putAll(p.clientEnvironment()));
        clientEnvironment.put("shards", shardCounts(producers, consumers));
        folders.forEach((part, dir) -> clientEnvironment.put("clockOffset " + dir.getFileName(),
                part.clockOffsetMicros() + " µs ± " + part.clockUncertaintyMicros() + " µs"));
        Map<String, Object> config = new LinkedHashMap<>(first.config());
        config.put("workers", (int) sum(consumers, p -> p.workers().longValue()));
        config.put("shards", shardCounts(producers, consumers));
        // Shards given no --seed each drew a seed of their own: the merged config names every one, not the first.
        Map<String, Object> seeds = new TreeMap<>();
        folders.forEach((part, dir) -> seeds.put(dir.getFileName().toString(), part.config().get("seed")));
        if (seeds.values().stream().distinct().count() > 1) {
            config.remove("seed");
            config.put("seeds", seeds);
        }
        Path mergedCsv = Timeseries.file(resultsDir, client);
        MeasuredWindow window = window(accounting, measureStart, measureEnd, lastDequeued, mergedCsv);
        ClientResult result = new ClientResult(client, (int) sum(consumers, p -> p.workers().longValue()),
                (String) config.get("pattern"), (String) config.get("payload"), (String) config.get("load"),
                (String) config.get("serviceTime"), calls,
                new ClientResult.Events(accounting.expected(), accounting.consumed(), accounting.unique(),
                        accounting.lost(), accounting.duplicates(), accounting.unexpected(), accounting.malformed(),
                        accounting.leftInQueue(), sum(consumers, ShardPart::warmupConsumed),
                        consumers.stream().map(ShardPart::malformedSample).filter(s -> s != null).findFirst().orElse(null)),
                latency, window.consumedPerSec(), window.seconds(),
                (measureFromMicros - first.startMicros()) / 1e6,
                consumers.stream().mapToLong(ShardPart::maxBacklog).max().orElse(0), producer,
                sum(consumers, ShardPart::pollErrors), client + ".hlog", mergedCsv.getFileName().toString(),
                clientEnvironment, warnings, shardFailure(folders));
        result = result.withSustained(window.sustained(mergedCsv, config.get("faults") != null ? MeasuredWindow.FAULTS_STALL : null,
                result.events().leftInQueue()), window.drain());
        return new RunSummary(RunSummary.SCHEMA, Instant.ofEpochSecond(0, first.startMicros() * 1_000).toString(),
                first.phases(), config, first.environment(), List.of(result), Provenance.current());
    }

    /** The first failure a shard named (a "FAILED: " warning, as a local run words its failure), or null. */
    static String shardFailure(Map<ShardPart, Path> folders) {
        String failed = "FAILED: ";
        return folders.entrySet().stream().flatMap(part -> part.getKey().warnings().stream()
                        .filter(warning -> warning.startsWith(failed))
                        .map(warning -> part.getValue().getFileName() + ": " + warning.substring(failed.length())))
                .findFirst().orElse(null);
    }

    /**
     * The merged run's measured window: the shards' measured seconds of one shared queue, read from the merged
     * time series, which counts every consumer's second; what the drain took is the rest.
     */
    private static MeasuredWindow window(Accounting accounting, long measureStartMicros, long measureEndMicros,
                                         long lastDequeuedMicros, Path mergedCsv) {
        double seconds = (measureEndMicros - measureStartMicros) / 1e6;
        double consumedPerSec = consumedDuringMeasurePerSec(mergedCsv, seconds);
        return new MeasuredWindow(seconds, accounting.expected(), consumedPerSec,
                Math.max(0, accounting.consumed() - Math.round(consumedPerSec * seconds)),
                Math.max(0, (lastDequeuedMicros - measureEndMicros) / 1e6));
    }

    /** Events consumed per second over the whole measured seconds of the merged time series. */
    private static double consumedDuringMeasurePerSec(Path mergedCsv, double measuredSeconds) {
        int rows = Math.max(1, (int) Math.floor(measuredSeconds));
        return Timeseries.read(mergedCsv).stream().limit(rows).mapToDouble(Timeseries.Second::consumedPerSec).sum() / rows;
    }

    /**
     * Each role's parts must be its shards 0 to N−1 of one N, each once: a part missing would count its
     * events lost (a consumer) or unexpected (a producer), and an extra one would add another run's.
     */
    static void requireEveryShardOnce(Path shardsDir, Map<ShardPart, Path> folders) {
        Map<String, Map<Integer, Path>> byRole = new TreeMap<>();
        Map<String, Integer> countByRole = new TreeMap<>();
        for (Map.Entry<ShardPart, Path> entry : folders.entrySet()) {
            ShardPart part = entry.getKey();
            String where = shardsDir.relativize(entry.getValue()) + "/" + ShardPart.FILE_NAME;
            Shard shard;
            try {
                shard = Shard.parse(String.valueOf(part.shard()));
            } catch (IllegalArgumentException e) {
                throw new HarnessException(where + " says shard '" + part.shard() + "', not I/N");
            }
            Integer count = countByRole.putIfAbsent(part.role(), shard.count());
            if (count != null && count != shard.count()) {
                throw new HarnessException(shardsDir + " holds an extra " + part.role() + " shard: " + where + " is "
                        + shard + ", the others of its role are of " + count + " (parts of another run?)");
            }
            Path before = byRole.computeIfAbsent(part.role(), r -> new TreeMap<>()).put(shard.index(), entry.getValue());
            if (before != null) {
                throw new HarnessException(shardsDir + " holds an extra " + part.role() + " shard: " + where + " and "
                        + shardsDir.relativize(before) + " are both " + shard);
            }
        }
        for (Map.Entry<String, Integer> role : countByRole.entrySet()) {
            for (int index = 0; index < role.getValue(); index++) {
                if (!byRole.get(role.getKey()).containsKey(index)) {
                    throw new HarnessException(shardsDir + " lacks " + role.getKey() + " shard " + index + "/"
                            + role.getValue() + " (no " + role.getKey() + "-" + index + "/" + ShardPart.FILE_NAME
                            + "): merging without it would count its events as lost or unexpected");
                }
            }
        }
    }

    /**
     * Expected: the union of what the producers pushed. Unique: the union of what the consumers took.
     * Duplicates: everything taken minus the union, so an event two consumer shards both took counts.
     */
    static Accounting accounting(List<ShardPart> producers, List<ShardPart> consumers, List<String> warnings) {
        EventSets expected = new EventSets();
        producers.forEach(p -> expected.addAll(EventSets.decode(p.events())));
        EventSets taken = new EventSets();
        long takenPerShard = 0;
        for (ShardPart consumer : consumers) {
            EventSets mine = EventSets.decode(consumer.events());
            takenPerShard += mine.size();
            taken.addAll(mine);
        }
        long acrossShards = takenPerShard - taken.size();
        if (acrossShards > 0) {
            warnings.add(acrossShards + " events were taken by more than one consumer shard");
        }
        long consumed = sum(consumers, ShardPart::consumed);
        long pushed = producers.stream().mapToLong(p -> p.producer().pushed()).sum();
        if (pushed != expected.size()) {
            warnings.add("the producers counted " + pushed + " pushes but their sets hold " + expected.size());
        }
        return Accounting.of(expected.size(), consumed, taken.size(), sum(consumers, ShardPart::malformed),
                sum(consumers, ShardPart::leftInQueue));
    }

    private static String shardCounts(List<ShardPart> producers, List<ShardPart> consumers) {
        long sipLoads = producers.stream().filter(ShardPart::isSipLoad).count();
        return (producers.size() - sipLoads > 0 ? (producers.size() - sipLoads) + " producers, " : "")
                + (sipLoads > 0 ? sipLoads + " sip-load, " : "") + consumers.size() + " consumers";
    }

    /**
     * How far an enqueue stamp may be off the Redis clock. A producer stamps on its corrected clock: its
     * offset's uncertainty. Kamailio stamps on its host's own clock ({@code $TV}), which nothing corrects:
     * a sip-load shard's measured offset (its Kamailio runs beside it) adds to the uncertainty.
     */
    static long stampUncertaintyMicros(ShardPart part) {
        return part.isSipLoad() ? Math.abs(part.clockOffsetMicros()) + part.clockUncertaintyMicros()
                : part.clockUncertaintyMicros();
    }

    /**
     * The sip-load shards' calls added up: counts, and RFC 6076's ratios computed again from the summed counts;
     * the delays (post-dial, SRD, SDD) and the answers stay in each part's folder.
     */
    private static CallStats calls(List<ShardPart> sipLoads) {
        long attempted = 0;
        long succeeded = 0;
        long failed = 0;
        long pushFailures = 0;
        Long pushed = 0L;
        for (ShardPart part : sipLoads) {
            CallStats calls = part.calls();
            attempted += calls.attempted();
            succeeded += calls.succeeded();
            failed += calls.failed();
            pushFailures += calls.pushFailures();
            pushed = pushed == null || calls.pushed() == null ? null : pushed + calls.pushed();
        }
        SessionMetrics rfc6076 = SessionMetrics.sum(sipLoads.stream().map(part -> part.calls().rfc6076()).toList());
        return new CallStats(attempted, succeeded, failed, pushFailures, pushed, null, null, null, null, rfc6076);
    }

    private static ClientResult.Producer producer(List<ShardPart> producers, Histogram lag, List<String> warnings) {
        double target = 0;
        double scheduled = 0;
        double achieved = 0;
        long pushed = 0;
        long failures = 0;
        boolean kept = true;
        for (ShardPart part : producers) {
            ClientResult.Producer p = part.producer();
            target += p.targetRate();
            scheduled += p.scheduledRate();
            achieved += p.achievedRate();
            pushed += p.pushed();
            failures += p.pushFailures();
            kept &= p.keptSchedule();
        }
        if (!kept) {
            warnings.add(String.format(Locale.ROOT, "PRODUCER FELL BEHIND: the producers achieved %.0f events/s "
                    + "against a schedule of %.0f", achieved, scheduled));
        }
        return new ClientResult.Producer(target, scheduled, achieved, pushed, failures, kept,
                LatencySummary.of(lag != null ? lag : new Histogram(LatencyRecorder.SIGNIFICANT_DIGITS), 0));
    }

    /**
     * Interval k of every shard's log covers the same second (each started its sampler at the agreed
     * start of the measured phase): the k-th intervals of a tag are added into the merged log's k-th.
     */
    private static Map<Metric, Histogram> mergeIntervals(Map<ShardPart, Path> folders, long measureFromMicros,
                                                         Path mergedHlog, String client) {
        Map<Metric, List<Histogram>> byIndex = new EnumMap<>(Metric.class);
        folders.forEach((part, dir) -> {
            if (part.hlog() == null) {
                return; // a sip-load shard: Kamailio stamps, the consumers measure
            }
            Map<Metric, Integer> index = new EnumMap<>(Metric.class);
            for (Histogram interval : IntervalLogReader.intervals(dir.resolve(part.hlog()))) {
                Metric metric = metric(interval.getTag());
                int k = index.merge(metric, 1, Integer::sum) - 1;
                List<Histogram> sums = byIndex.computeIfAbsent(metric, m -> new ArrayList<>());
                while (sums.size() <= k) {
                    sums.add(new Histogram(LatencyRecorder.SIGNIFICANT_DIGITS));
                }
                sums.get(k).add(interval);
            }
        });
        long fromMillis = measureFromMicros / 1_000;
        int seconds = byIndex.values().stream().mapToInt(List::size).max().orElse(0);
        try (IntervalLog merged = new IntervalLog(mergedHlog, fromMillis, "callq-bench " + client + ", "
                + folders.size() + " shards merged, latencies in microseconds")) {
            for (int k = 0; k < seconds; k++) {
                for (Map.Entry<Metric, List<Histogram>> metric : byIndex.entrySet()) {
                    if (k < metric.getValue().size() && metric.getValue().get(k).getTotalCount() > 0) {
                        merged.write(metric.getKey(), metric.getValue().get(k), fromMillis + k * 1_000L,
                                fromMillis + (k + 1) * 1_000L);
                    }
                }
            }
            Map<Metric, Histogram> cumulative = new EnumMap<>(Metric.class);
            byIndex.keySet().forEach(m -> cumulative.put(m, merged.cumulative(m)));
            return cumulative;
        }
    }

    /** Second k: consumed/s added over the consumers, the backlog of the one shared queue, p99 of the merged interval. */
    private static void mergeTimeseries(List<ShardPart> consumers, Map<ShardPart, Path> folders, long measureFromMicros,
                                        Path mergedCsv, String client) {
        List<List<Timeseries.Second>> series = consumers.stream()
                .map(c -> Timeseries.read(folders.get(c).resolve(c.timeseries()))).toList();
        List<Histogram> intervals = new ArrayList<>();
        for (Histogram interval : IntervalLogReader.intervals(mergedCsv.resolveSibling(client + ".hlog"))) {
            if (Metric.ENQUEUE_TO_DEQUEUE.tag().equals(interval.getTag())) {
                intervals.add(interval);
            }
        }
        int seconds = series.stream().mapToInt(List::size).max().orElse(0);
        try (Timeseries.Writer out = new Timeseries.Writer(mergedCsv)) {
            for (int k = 0; k < seconds; k++) {
                double consumedPerSec = 0;
                long backlog = 0;
                for (List<Timeseries.Second> rows : series) {
                    if (k < rows.size()) {
                        consumedPerSec += rows.get(k).consumedPerSec();
                        backlog = Math.max(backlog, rows.get(k).backlog());
                    }
                }
                long p99 = k < intervals.size() ? intervals.get(k).getValueAtPercentile(99) : 0;
                out.append(new Timeseries.Second(measureFromMicros / 1_000_000 + k + 1, consumedPerSec, backlog, p99));
            }
        } catch (IOException e) {
            throw new HarnessException("cannot write " + mergedCsv + ": " + e.getMessage(), e);
        }
    }

    private static Metric metric(String tag) {
        for (Metric metric : Metric.values()) {
            if (metric.tag().equals(tag)) {
                return metric;
            }
        }
        throw new HarnessException("an interval log holds the unknown tag '" + tag + "'");
    }

    private static List<Path> shardFolders(Path shardsDir) {
        if (!Files.isDirectory(shardsDir)) {
            throw new HarnessException("no " + ShardPart.SHARDS_FOLDER + "/ folder in " + shardsDir.getParent()
                    + ": merge takes the results folder the shards were given as --out");
        }
        try (Stream<Path> children = Files.list(shardsDir)) {
            return children.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new HarnessException("cannot list " + shardsDir + ": " + e.getMessage(), e);
        }
    }

    private static long sum(List<ShardPart> parts, java.util.function.ToLongFunction<ShardPart> field) {
        return parts.stream().mapToLong(field).sum();
    }
}
