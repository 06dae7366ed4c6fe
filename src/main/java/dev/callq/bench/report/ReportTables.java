package dev.callq.bench.report;

import dev.callq.bench.measure.LatencySplit;
import dev.callq.bench.measure.LatencySummary;
import dev.callq.bench.measure.Percentile;
import dev.callq.bench.measure.Metric;
import dev.callq.bench.sip.CallAnswers;
import dev.callq.bench.sip.SessionMetrics;
import dev.callq.bench.result.ClientResult;
import dev.callq.bench.result.ThreadRole;
import dev.callq.bench.result.RunSummary;
import dev.callq.bench.result.RunVerdict;
import dev.callq.bench.result.SustainedLoad;
import dev.callq.bench.sip.KamailioErrors;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/** The figures of a run arranged as tables, shared by report.html and summary.md. */
final class ReportTables {
    static final String PRODUCER_LAG = "producerLag";
    /** SIPp's INVITE → 200 time, shown beside the queue's latencies (millisecond resolution). */
    static final String POST_DIAL_DELAY = "postDialDelay";
    static final List<String> LATENCY_COLUMNS =
            List.of("client", "samples", "p50", "p90", "p99", "p99.9", "p99.99", "max", "mean", "≤ 0");

    private ReportTables() {
    }

    /**
     * The run's verdict in one line, from {@link RunVerdict}: "accounting balanced" when every client is
     * trustworthy, otherwise what went wrong for each client that is not.
     */
    static String verdict(RunSummary summary) {
        List<RunVerdict> verdicts = RunVerdict.of(summary);
        if (verdicts.stream().allMatch(RunVerdict::trustworthy)) {
            return summary.clients().stream().anyMatch(c -> c.producer() != null)
                    ? "accounting balanced, producer on schedule" : "accounting balanced";
        }
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < verdicts.size(); i++) {
            RunVerdict verdict = verdicts.get(i);
            ClientResult.Events e = summary.clients().get(i).events();
            if (verdict.contractProblem() != null) {
                problems.add(verdict.client() + " contract broken: " + verdict.contractProblem());
            }
            if (verdict.failure() != null) {
                problems.add(verdict.client() + " failed mid-run: " + verdict.failure());
            }
            if (!verdict.accountingBalanced()) {
                problems.add(verdict.client() + " consumed " + e.consumed() + " of " + e.expected() + ", "
                        + verdict.accountingProblem());
            }
            if (!verdict.producerKeptSchedule()) {
                problems.add(verdict.client() + " producer behind schedule: " + verdict.producerProblem());
            }
            if (!verdict.crossChecksAgree()) {
                problems.add(verdict.client() + " cross-check failed: " + verdict.crossCheckProblem());
            }
        }
        boolean unbalanced = verdicts.stream().anyMatch(v -> !v.accountingBalanced());
        // A load not sustained leads: the latencies shown are then the queue's growing wait.
        List<String> notSustained = verdicts.stream().filter(v -> !v.sustained())
                .map(v -> v.client() + " " + v.sustainedProblem()).toList();
        String lead = notSustained.isEmpty() ? "" : String.join("; ", notSustained)
                + (problems.isEmpty() ? "" : "; ");
        return lead + (problems.isEmpty() ? "" : (unbalanced ? "accounting NOT balanced: " : "NOT trustworthy: ")
                + String.join("; ", problems));
    }

    static Table accounting(List<ClientResult> clients) {
        return new Table.SideBySide<>("events", clients, ClientResult::client)
                .row("expected", c -> num(c.events().expected()))
                .row("consumed", c -> num(c.events().consumed()))
                .row("unique", c -> num(c.events().unique()))
                .zeroRow("lost", c -> num(c.events().lost()))
                .zeroRow("duplicates", c -> num(c.events().duplicates()))
                .zeroRow("unexpected", c -> num(c.events().unexpected()))
                .zeroRow("malformed", c -> num(c.events().malformed()))
                .zeroRow("left in queue", c -> num(c.events().leftInQueue()))
                .row("warm-up consumed (not measured)", c -> num(c.events().warmupConsumed()))
                .row("throughput, measured phase (events/s)", c -> String.format(Locale.ROOT, "%.1f", c.throughputPerSec()))
                .row("warm-up (s)", c -> c.warmupSeconds() == 0 ? "-" : String.format(Locale.ROOT, "%.1f", c.warmupSeconds()))
                .row("measured (s)", c -> String.format(Locale.ROOT, "%.3f", c.measuredSeconds()))
                .row("max backlog (events)", c -> num(c.maxBacklog()))
                .zeroRow("poll errors", c -> num(c.pollErrors()))
                .build();
    }

    /**
     * The sustained rule's figures ({@code result.SustainedLoad}) and the drain after the measured phase;
     * empty for results written before them.
     */
    static Optional<Table> sustained(List<ClientResult> clients) {
        if (clients.stream().allMatch(c -> c.sustained() == null)) {
            return Optional.empty();
        }
        Function<Function<SustainedLoad, String>, Function<ClientResult, String>> orDash =
                f -> c -> c.sustained() == null ? "-" : f.apply(c.sustained());
        return Optional.of(new Table.SideBySide<>("measured phase", clients, ClientResult::client)
                .row("verdict", orDash.apply(SustainedLoad::verdict))
                .row("offered (events/s)", orDash.apply(s -> String.format(Locale.ROOT, "%.1f", s.offeredPerSec())))
                .row("consumed during the measured phase (events/s)", orDash.apply(s ->
                        s.consumedDuringMeasurePerSec() == null ? "-"
                                : String.format(Locale.ROOT, "%.1f", s.consumedDuringMeasurePerSec())))
                .row("backlog growth (events/s)", orDash.apply(s -> String.format(Locale.ROOT, "%.1f",
                        s.backlogGrowthPerSecond())))
                .row("final backlog (events)", orDash.apply(s -> num(s.finalBacklog())))
                .row("drained after it (events)", c -> c.drain() == null ? "-" : num(c.drain().events()))
                .row("drain (s)", c -> c.drain() == null ? "-" : String.format(Locale.ROOT, "%.2f", c.drain().seconds()))
                .build());
    }

    static Optional<Table> sipCalls(List<ClientResult> clients) {
        if (clients.stream().noneMatch(c -> c.calls() != null)) {
            return Optional.empty();
        }
        Table.SideBySide<ClientResult> table = new Table.SideBySide<>("SIP calls", clients, ClientResult::client)
                .row("attempted", c -> c.calls() == null ? "-" : num(c.calls().attempted()))
                .row("succeeded", c -> c.calls() == null ? "-" : num(c.calls().succeeded()))
                .zeroRow("failed", c -> c.calls() == null ? "0" : num(c.calls().failed()))
                .zeroRow("push failures (5xx)", c -> c.calls() == null ? "0" : num(c.calls().pushFailures()))
                .row("events pushed (Kamailio's count)",
                        c -> c.calls() == null || c.calls().pushed() == null ? "-" : num(c.calls().pushed()))
                .zeroRow("Kamailio out of shared memory", c -> kamailioError(c, KamailioErrors::outOfSharedMemory))
                .zeroRow("ndb_redis failures", c -> kamailioError(c, KamailioErrors::redisFailures))
                .zeroRow("relay timeouts (tm)", c -> kamailioError(c,
                        e -> e.relayTimeouts() == null ? 0 : e.relayTimeouts()));
        // Results written before the answers were recorded have none: no rows rather than a row of zeros.
        if (clients.stream().anyMatch(c -> c.calls() != null && c.calls().answers() != null)) {
            table.row("answered 2xx", c -> answers(c, CallAnswers::success))
                    .zeroRow("answered 4xx", c -> answers(c, CallAnswers::clientError))
                    .zeroRow("answered 5xx", c -> answers(c, CallAnswers::serverError))
                    .zeroRow("no answer (timeout)", c -> answers(c, CallAnswers::timeouts));
        }
        // Our names first, RFC 6076's beside them (docs/sip-metrics.md).
        if (clients.stream().anyMatch(c -> c.calls() != null && c.calls().rfc6076() != null)) {
            table.row("answered 200 / not redirected: SER (RFC 6076)", c -> rfc(c, SessionMetrics::serPercent))
                    .row("answered 200/480/486/600/603: SEER", c -> rfc(c, SessionMetrics::seerPercent))
                    .row("answered 408/500/503/504: ISA", c -> rfc(c, SessionMetrics::isaPercent))
                    .row("completed (BYE answered 200): SCR", c -> rfc(c, SessionMetrics::scrPercent))
                    .row("INVITE → 180/200 p50 / p99 / max (ms): SRD", c -> requestDelay(c, SessionMetrics::srdMicros))
                    .row("INVITE → 4xx–6xx p50 / p99 / max (ms): SRD, failed", c -> requestDelay(c, SessionMetrics::srdFailedMicros))
                    .row("BYE → 200 p50 / p99 (ms): SDD", ReportTables::disconnectDelay);
        }
        return Optional.of(table.build());
    }

    static String rfc(ClientResult c, Function<SessionMetrics, Double> percent) {
        Double value = c.calls() == null || c.calls().rfc6076() == null ? null : percent.apply(c.calls().rfc6076());
        return value == null ? "-" : String.format(Locale.ROOT, "%.2f %%", value);
    }

    /** RFC 6076's Session Request Delay at its microsecond resolution, in milliseconds; "-" when not measured. */
    static String requestDelay(ClientResult c, Function<SessionMetrics, LatencySummary> which) {
        LatencySummary srd = c.calls() == null || c.calls().rfc6076() == null ? null : which.apply(c.calls().rfc6076());
        return srd == null ? "-" : String.format(Locale.ROOT, "%.3f / %.3f / %.3f", srd.p50() / 1000.0,
                srd.p99() / 1000.0, srd.max() / 1000.0);
    }

    static String disconnectDelay(ClientResult c) {
        LatencySummary sdd = c.calls() == null || c.calls().rfc6076() == null ? null : c.calls().rfc6076().sddMicros();
        return sdd == null ? "-" : String.format(Locale.ROOT, "%.0f / %.0f", sdd.p50() / 1000.0, sdd.p99() / 1000.0);
    }

    private static String answers(ClientResult c, ToLongFunction<CallAnswers> count) {
        return c.calls() == null || c.calls().answers() == null ? "0" : num(count.applyAsLong(c.calls().answers()));
    }

    private static String kamailioError(ClientResult c, ToLongFunction<KamailioErrors> count) {
        return c.calls() == null || c.calls().kamailioErrors() == null ? "0"
                : num(count.applyAsLong(c.calls().kamailioErrors()));
    }

    /**
     * What consuming cost per 1,000 events, per client (see ClientResult.Cost): JVM CPU with the client's
     * I/O threads (and the synthetic producer), the workers' share, allocation, and Redis's CPU.
     */
    static Optional<Table> cost(List<ClientResult> clients) {
        if (clients.stream().noneMatch(c -> c.cost() != null)) {
            return Optional.empty();
        }
        Function<Function<ClientResult.Cost, Double>, Function<ClientResult, String>> orDash =
                f -> c -> c.cost() == null || f.apply(c.cost()) == null ? "-"
                        : String.format(Locale.ROOT, "%.1f", f.apply(c.cost()));
        var table = new Table.SideBySide<>("per 1,000 events", clients, ClientResult::client)
                .row("JVM CPU, user + system (ms)", orDash.apply(ClientResult.Cost::jvmCpuMsPer1k))
                .row("JVM CPU, system (ms)", orDash.apply(ClientResult.Cost::jvmSystemCpuMsPer1k))
                .row("worker threads' CPU (ms)", orDash.apply(ClientResult.Cost::workerCpuMsPer1k))
                .row("JVM allocation (KiB)", orDash.apply(ClientResult.Cost::jvmAllocatedKbPer1k))
                .row("worker threads' allocation (KiB)", orDash.apply(ClientResult.Cost::workerAllocatedKbPer1k))
                .row("Redis CPU, user + system (ms)", orDash.apply(ClientResult.Cost::redisCpuMsPer1k))
                .row("JVM cores busy (average)", c -> c.cost() == null || c.cost().jvmCores() == null ? "-"
                        : String.format(Locale.ROOT, "%.2f", c.cost().jvmCores()));
        threadShares(table, clients);
        return Optional.of(table.build());
    }

    /** The JVM's CPU and allocation split by group of threads, for results that recorded it. */
    private static void threadShares(Table.SideBySide<ClientResult> table, List<ClientResult> clients) {
        for (ThreadRole role : ThreadRole.values()) {
            Function<ClientResult, ClientResult.ThreadShare> share = c -> c.cost() == null ? null : c.cost().share(role);
            if (clients.stream().map(share).allMatch(Objects::isNull)) {
                continue;
            }
            Function<Function<ClientResult.ThreadShare, Double>, Function<ClientResult, String>> orDash =
                    f -> c -> share.apply(c) == null ? "-" : String.format(Locale.ROOT, "%.1f", f.apply(share.apply(c)));
            table.row(role.label() + ": CPU, user (ms)", orDash.apply(ClientResult.ThreadShare::userCpuMsPer1k))
                    .row(role.label() + ": CPU, system (ms)", orDash.apply(ClientResult.ThreadShare::systemCpuMsPer1k))
                    .row(role.label() + ": allocation (KiB)", orDash.apply(ClientResult.ThreadShare::allocatedKbPer1k));
        }
        if (clients.stream().anyMatch(c -> c.cost() != null && c.cost().untrackedCpuMsPer1k() != null)) {
            table.row("GC, JIT and VM threads: CPU (ms)", c -> c.cost() == null || c.cost().untrackedCpuMsPer1k() == null
                    ? "-" : String.format(Locale.ROOT, "%.1f", c.cost().untrackedCpuMsPer1k()));
        }
    }

    static Optional<Table> producer(List<ClientResult> clients) {
        if (clients.stream().noneMatch(c -> c.producer() != null)) {
            return Optional.empty();
        }
        Function<Function<ClientResult.Producer, String>, Function<ClientResult, String>> orDash =
                f -> c -> c.producer() == null ? "-" : f.apply(c.producer());
        return Optional.of(new Table.SideBySide<>("synthetic producer", clients, ClientResult::client)
                .row("target rate (events/s)", orDash.apply(p -> String.format(Locale.ROOT, "%.1f", p.targetRate())))
                .row("scheduled rate (events/s)", orDash.apply(p -> p.scheduledRate() == 0 ? "-"
                        : String.format(Locale.ROOT, "%.1f", p.scheduledRate())))
                .row("achieved rate (events/s)", orDash.apply(p -> String.format(Locale.ROOT, "%.1f", p.achievedRate())))
                .row("pushed", orDash.apply(p -> num(p.pushed())))
                .zeroRow("push failures", c -> c.producer() == null ? "0" : num(c.producer().pushFailures()))
                .row("push failures by Redis's error", c -> c.producer() == null
                        || c.producer().describeFailureCauses().isEmpty() ? "-" : c.producer().describeFailureCauses())
                .row("kept its schedule", orDash.apply(p -> p.keptSchedule() ? "yes" : "NO"))
                .row("lag p99 (µs)", orDash.apply(p -> num(p.lagMicros().p99())))
                .row("lag max (µs)", orDash.apply(p -> num(p.lagMicros().max())))
                .row("pushed with", orDash.apply(p -> p.client() == null ? "the client under test" : p.client()))
                .row("pinned", orDash.apply(p -> p.client() == null ? "-"
                        : p.pinned() ? "yes" : "no: " + p.notPinnedBecause()))
                .build());
    }

    /** Every latency metric any client has, producer lag last, in summary order. */
    static Map<String, Map<String, LatencySummary>> latencyByMetric(List<ClientResult> clients) {
        Map<String, Map<String, LatencySummary>> byMetric = new LinkedHashMap<>();
        for (ClientResult client : clients) {
            client.latencyMicros().forEach((metric, summary) ->
                    byMetric.computeIfAbsent(metric, m -> new LinkedHashMap<>()).put(client.client(), summary));
        }
        for (ClientResult client : clients) {
            if (client.calls() != null && client.calls().postDialDelayMicros() != null) {
                byMetric.computeIfAbsent(POST_DIAL_DELAY, m -> new LinkedHashMap<>())
                        .put(client.client(), client.calls().postDialDelayMicros());
            }
        }
        for (ClientResult client : clients) {
            if (client.producer() != null && client.producer().lagMicros() != null) {
                byMetric.computeIfAbsent(PRODUCER_LAG, m -> new LinkedHashMap<>())
                        .put(client.client(), client.producer().lagMicros());
            }
        }
        return byMetric;
    }

    /** One metric, one row per client, in microseconds. */
    static Table latency(Map<String, LatencySummary> byClient) {
        // Percentiles whose two clock readings came from different hosts say how well those clocks were aligned.
        boolean acrossHosts = byClient.values().stream().anyMatch(s -> s.clockUncertaintyMicros() > 0);
        List<List<String>> rows = new ArrayList<>();
        byClient.forEach((client, s) -> {
            List<String> row = new ArrayList<>(List.of(client, num(s.count()), num(s.p50()), num(s.p90()),
                    num(s.p99()), num(s.p999()), num(s.p9999()), num(s.max()),
                    String.format(Locale.ROOT, "%.1f", s.mean()), num(s.nonPositive())));
            if (acrossHosts) {
                row.add("± " + num(s.clockUncertaintyMicros()));
            }
            rows.add(row);
        });
        if (!acrossHosts) {
            return Table.of(LATENCY_COLUMNS, rows);
        }
        List<String> columns = new ArrayList<>(LATENCY_COLUMNS);
        columns.add("clock ± (each percentile)");
        return Table.of(columns, rows);
    }

    /** Accounting and every metric's percentiles with the clients side by side, as CI job summaries show them. */
    static Table sideBySide(List<ClientResult> clients) {
        Table accounting = accounting(clients);
        List<List<String>> rows = new ArrayList<>(accounting.rows());
        List<Boolean> zero = new ArrayList<>(accounting.mustBeZero());
        Map<String, Function<LatencySummary, Long>> percentiles = new LinkedHashMap<>();
        for (Percentile p : List.of(Percentile.P50, Percentile.P90, Percentile.P99, Percentile.P99_9)) {
            percentiles.put(p.label(), p::micros);
        }
        percentiles.put("max", LatencySummary::max);
        latencyByMetric(clients).forEach((metric, byClient) -> percentiles.forEach((name, percentile) -> {
            List<String> row = new ArrayList<>();
            row.add(metric + " " + name + " (µs)");
            for (ClientResult client : clients) {
                LatencySummary s = byClient.get(client.client());
                row.add(s == null ? "-" : num(percentile.apply(s)));
            }
            rows.add(row);
            zero.add(false);
        }));
        return new Table(accounting.header(), rows, zero, zero.stream().map(z -> false).toList());
    }

    /** The run's environment next to each client's: versions, transport, connections. */
    static Table environment(RunSummary summary) {
        List<ClientResult> clients = summary.clients();
        Set<String> keys = new LinkedHashSet<>(summary.environment().keySet());
        clients.forEach(c -> {
            if (c.clientEnvironment() != null) {
                keys.addAll(c.clientEnvironment().keySet());
            }
        });
        Table.SideBySide<ClientResult> table = new Table.SideBySide<>("environment", clients, ClientResult::client);
        for (String key : keys) {
            table.row(key, c -> {
                String value = c.clientEnvironment() == null ? null : c.clientEnvironment().get(key);
                return value != null ? value : summary.environment().getOrDefault(key, "-");
            });
        }
        return table.build();
    }

    static Table config(RunSummary summary) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("phases", summary.phases()));
        rows.add(List.of("started at", summary.startedAt()));
        summary.config().forEach((key, value) -> rows.add(List.of(key, text(value))));
        return Table.of(List.of("setting", "value"), rows);
    }

    /** Each client's warnings, prefixed with its name. */
    static List<String> warnings(List<ClientResult> clients) {
        List<String> warnings = new ArrayList<>();
        for (ClientResult client : clients) {
            if (client.warnings() != null) {
                client.warnings().forEach(w -> warnings.add(client.client() + ": " + w));
            }
        }
        return warnings;
    }

    private static String text(Object value) {
        if (value instanceof Collection<?> values) {
            return String.join(", ", values.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }

    private static String num(long value) {
        return Long.toString(value);
    }

    /**
     * The run in one line, for the top of its report: "enqueue→dequeue p99 jedis 1.08 ms vs lettuce 1.85 ms;
     * throughput jedis 2000 vs lettuce 1990 events/s; nothing lost".
     */
    static String headline(RunSummary summary) {
        List<ClientResult> clients = summary.clients();
        String p99 = String.join(" vs ", clients.stream().map(c -> {
            LatencySummary wait = c.latencyMicros().get(Metric.ENQUEUE_TO_DEQUEUE.tag());
            return c.client() + " " + (wait == null || wait.count() == 0 ? "no samples"
                    : String.format(Locale.ROOT, "%.2f ms", wait.p99() / 1000.0));
        }).toList());
        String throughput = String.join(" vs ", clients.stream()
                .map(c -> String.format(Locale.ROOT, "%s %.0f", c.client(), c.throughputPerSec())).toList());
        List<String> losses = clients.stream().filter(c -> c.events().lost() > 0)
                .map(c -> c.client() + " lost " + c.events().lost() + " of " + c.events().expected()).toList();
        return "enqueue→dequeue p99 " + p99 + "; throughput " + throughput + " events/s; "
                + (losses.isEmpty() ? "nothing lost" : String.join(", ", losses));
    }

    /**
     * The latency split of every client that has one, one row per client and part: its span, whether it is
     * measured or derived, its p50 and p99.
     */
    static Optional<Table> latencySplit(List<ClientResult> clients) {
        List<List<String>> rows = new ArrayList<>();
        for (ClientResult client : clients) {
            if (client.latencySplit() == null) {
                continue;
            }
            client.latencySplit().forEach((part, p) -> rows.add(List.of(client.client(), part, p.span(), p.basis(),
                    num(p.p50Micros()), num(p.p99Micros()))));
        }
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Table.of(List.of("client", "part", "from → to", "basis", "p50 (µs)", "p99 (µs)"), rows));
    }

    /** One stacked series per part of {@link LatencySplit#STACKED}, a value per client with a split. */
    static Map<String, List<Double>> latencySplitSeries(List<ClientResult> clients,
                                                        ToLongFunction<LatencySplit.Part> percentile) {
        Map<String, List<Double>> series = new LinkedHashMap<>();
        for (String part : LatencySplit.STACKED) {
            List<Double> values = new ArrayList<>();
            for (ClientResult client : clients) {
                if (client.latencySplit() != null) {
                    LatencySplit.Part p = client.latencySplit().get(part);
                    values.add(p == null ? 0.0 : (double) percentile.applyAsLong(p));
                }
            }
            series.put(part, values);
        }
        return series;
    }
}
