package dev.callq.bench.report;

import dev.callq.bench.measure.LatencySummary;
import dev.callq.bench.result.ClientResult;
import dev.callq.bench.result.ThreadRole;
import dev.callq.bench.result.RunSummary;
import dev.callq.bench.result.RunVerdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The console table that puts the clients of one run side by side, one row per figure. */
public final class SideBySideTable {
    private SideBySideTable() {
    }

    public static String render(RunSummary summary) {
        List<ClientResult> clients = summary.clients();
        List<String[]> rows = new ArrayList<>();
        rows.add(row("", clients, ClientResult::client));
        rows.add(row("workers", clients, c -> Integer.toString(c.workers())));
        if (clients.stream().anyMatch(c -> c.calls() != null)) {
            rows.add(row("calls attempted / ok / failed", clients, c -> c.calls() == null ? "-"
                    : c.calls().attempted() + " / " + c.calls().succeeded() + " / " + c.calls().failed()));
        }
        if (clients.stream().anyMatch(c -> c.producer() != null)) {
            rows.add(row("producer target / scheduled / achieved (ev/s)", clients, c -> c.producer() == null ? "-"
                    : String.format(Locale.ROOT, "%.0f / %.0f / %.0f", c.producer().targetRate(),
                    c.producer().scheduledRate(), c.producer().achievedRate())));
            rows.add(row("producer lag p99 (µs)", clients, c -> c.producer() == null ? "-"
                    : Long.toString(c.producer().lagMicros().p99())));
        }
        rows.add(row("events expected", clients, c -> Long.toString(c.events().expected())));
        rows.add(row("events consumed", clients, c -> Long.toString(c.events().consumed())));
        rows.add(row("lost / duplicated / malformed", clients, c -> c.events().lost() + " / "
                + c.events().duplicates() + " / " + c.events().malformed()));
        rows.add(row("left in queue", clients, c -> Long.toString(c.events().leftInQueue())));
        rows.add(row("trustworthy", clients, c -> RunVerdict.of(c).trustworthy() ? "yes" : "NO (see warnings)"));
        rows.add(row("sustained", clients, c -> c.sustained() == null ? "-" : c.sustained().verdict()));
        rows.add(row("offered (events/s)", clients, c -> c.sustained() == null ? "-"
                : String.format(Locale.ROOT, "%.1f", c.sustained().offeredPerSec())));
        rows.add(row("throughput, measured phase (events/s)", clients,
                c -> String.format(Locale.ROOT, "%.1f", c.throughputPerSec())));
        rows.add(row("backlog growth (events/s)", clients, c -> c.sustained() == null ? "-"
                : String.format(Locale.ROOT, "%.1f", c.sustained().backlogGrowthPerSecond())));
        rows.add(row("drained after it (events / s)", clients, c -> c.drain() == null ? "-"
                : String.format(Locale.ROOT, "%d / %.1f", c.drain().events(), c.drain().seconds())));
        rows.add(row("max backlog (events)", clients, c -> Long.toString(c.maxBacklog())));
        Function<ClientResult, LatencySummary> e2d = c -> c.latencyMicros().get("enqueueToDequeue");
        rows.add(row("enqueue→dequeue samples", clients, c -> Long.toString(e2d.apply(c).count())));
        rows.add(row("enqueue→dequeue p50 (µs)", clients, c -> Long.toString(e2d.apply(c).p50())));
        rows.add(row("enqueue→dequeue p90 (µs)", clients, c -> Long.toString(e2d.apply(c).p90())));
        rows.add(row("enqueue→dequeue p99 (µs)", clients, c -> Long.toString(e2d.apply(c).p99())));
        rows.add(row("enqueue→dequeue p99.9 (µs)", clients, c -> Long.toString(e2d.apply(c).p999())));
        rows.add(row("enqueue→dequeue max (µs)", clients, c -> Long.toString(e2d.apply(c).max())));
        if (clients.stream().anyMatch(c -> c.calls() != null && c.calls().postDialDelayMicros() != null)) {
            Function<ClientResult, LatencySummary> pdd = c -> c.calls() == null ? null : c.calls().postDialDelayMicros();
            rows.add(row("post-dial delay p50 / p90 / p99 / max (ms)", clients, c -> pdd.apply(c) == null ? "-"
                    : millis(pdd.apply(c).p50()) + " / " + millis(pdd.apply(c).p90()) + " / "
                    + millis(pdd.apply(c).p99()) + " / " + millis(pdd.apply(c).max())));
        }
        if (clients.stream().anyMatch(c -> c.calls() != null && c.calls().answers() != null)) {
            rows.add(row("answers 2xx / 4xx / 5xx / timeout", clients, c -> c.calls() == null || c.calls().answers() == null
                    ? "-" : c.calls().answers().success() + " / " + c.calls().answers().clientError() + " / "
                    + c.calls().answers().serverError() + " / " + c.calls().answers().timeouts()));
        }
        if (clients.stream().anyMatch(c -> c.calls() != null && c.calls().rfc6076() != null)) {
            rows.add(row("SER / SEER / ISA / SCR (RFC 6076)", clients, c -> ReportTables.rfc(c, m -> m.serPercent())
                    + " / " + ReportTables.rfc(c, m -> m.seerPercent()) + " / " + ReportTables.rfc(c, m -> m.isaPercent())
                    + " / " + ReportTables.rfc(c, m -> m.scrPercent())));
            if (clients.stream().anyMatch(c -> c.calls() != null && c.calls().rfc6076() != null
                    && c.calls().rfc6076().srdMicros() != null)) {
                rows.add(row("INVITE→180/200 p50 / p99 / max (ms): SRD (RFC 6076)", clients,
                        c -> ReportTables.requestDelay(c, m -> m.srdMicros())));
            }
            rows.add(row("BYE→200 p50 / p99 (ms): SDD (RFC 6076)", clients, ReportTables::disconnectDelay));
        }
        if (clients.stream().anyMatch(c -> c.latencyMicros().containsKey("enqueueToDone"))
                && clients.stream().anyMatch(c -> c.latencyMicros().containsKey("serviceTime"))) {
            rows.add(row("enqueue→done p99 (µs)", clients, c -> c.latencyMicros().containsKey("enqueueToDone")
                    ? Long.toString(c.latencyMicros().get("enqueueToDone").p99()) : "-"));
        }
        if (clients.stream().anyMatch(c -> c.cost() != null)) {
            rows.add(row("JVM CPU per 1,000 events (ms)", clients, c -> perThousand(c, ClientResult.Cost::jvmCpuMsPer1k)));
            rows.add(row("JVM allocation per 1,000 events (KiB)", clients,
                    c -> perThousand(c, ClientResult.Cost::jvmAllocatedKbPer1k)));
            rows.add(row("Redis CPU per 1,000 events (ms)", clients, c -> perThousand(c, ClientResult.Cost::redisCpuMsPer1k)));
            for (ThreadRole role : ThreadRole.values()) {
                if (clients.stream().anyMatch(c -> c.cost() != null && c.cost().share(role) != null)) {
                    rows.add(row("  " + role.label() + ": CPU user+sys (ms) / alloc (KiB)", clients, c -> {
                        ClientResult.ThreadShare share = c.cost() == null ? null : c.cost().share(role);
                        return share == null ? "-" : String.format(Locale.ROOT, "%.1f+%.1f / %.0f",
                                share.userCpuMsPer1k(), share.systemCpuMsPer1k(), share.allocatedKbPer1k());
                    }));
                }
            }
            if (clients.stream().anyMatch(c -> c.cost() != null && c.cost().untrackedCpuMsPer1k() != null)) {
                rows.add(row("  GC, JIT and VM threads: CPU (ms)", clients,
                        c -> perThousand(c, ClientResult.Cost::untrackedCpuMsPer1k)));
            }
        }
        return notSustained(clients) + ConsoleColumns.align(rows);
    }

    /** The lines that lead the table when a client did not sustain its load, its figures first. */
    static String notSustained(List<ClientResult> clients) {
        StringBuilder lines = new StringBuilder();
        for (ClientResult c : clients) {
            String problem = RunVerdict.of(c).sustainedProblem();
            if (problem != null) {
                lines.append(c.client()).append(": ").append(problem).append('\n');
            }
        }
        return lines.toString();
    }

    private static String perThousand(ClientResult c, Function<ClientResult.Cost, Double> figure) {
        Double value = c.cost() == null ? null : figure.apply(c.cost());
        return value == null ? "-" : String.format(Locale.ROOT, "%.1f", value);
    }

    /** SIPp's response times are whole milliseconds, held in microseconds. */
    private static String millis(long micros) {
        return Long.toString(Math.round(micros / 1000.0));
    }

    private static String[] row(String label, List<ClientResult> clients, Function<ClientResult, String> cell) {
        String[] row = new String[clients.size() + 1];
        row[0] = label;
        for (int i = 0; i < clients.size(); i++) {
            row[i + 1] = cell.apply(clients.get(i));
        }
        return row;
    }
}
