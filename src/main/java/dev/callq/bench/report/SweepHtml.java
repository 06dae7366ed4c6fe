package dev.callq.bench.report;

import dev.callq.bench.queueing.UslFit;
import dev.callq.bench.result.SustainedLoad;
import dev.callq.bench.sweep.CellResult;
import dev.callq.bench.sweep.GuaranteeRow;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * A sweep's report.html, from its {@code sweep.json} alone: throughput against workers with the
 * Universal Scalability Law fitted per series, p99 enqueue→dequeue against the offered rate when the
 * rate varies, and every cell, untrustworthy ones highlighted.
 */
public final class SweepHtml {
    private SweepHtml() {
    }

    /** Writes {@code dir}/report.html from {@code dir}/sweep.json; returns its path. */
    public static Path write(Path dir) {
        return render(SweepFolder.read(dir)).writeTo(dir);
    }

    static HtmlPage render(SweepFolder sweep) {
        List<CellResult> cells = sweep.cells();
        long untrustworthy = cells.stream().filter(c -> !c.trustworthy()).count();
        HtmlPage page = new HtmlPage("callq-bench sweep: " + sweep.name(), "callq-bench sweep: " + sweep.name(),
                sweep.description() + " · " + sweep.load() + " load · " + cells.size() + " cells · started "
                        + HtmlPage.readableTime(sweep.startedAt())
                        + String.format(Locale.ROOT, " · %.0f s", sweep.elapsedSeconds()));
        page.verdict(untrustworthy == 0, untrustworthy == 0 ? "every cell trustworthy"
                : untrustworthy + " of " + cells.size() + " cells NOT trustworthy (highlighted below)");
        page.headline(headline(sweep));
        page.provenance(sweep.provenance());
        if (untrustworthy > 0) {
            page.note("Untrustworthy and failed cells are left out of the charts and fits.");
        }
        if (cells.stream().anyMatch(cell -> cell.faults() != null)) {
            page.heading("Delivery guarantees under faults").table(guaranteeTable(cells));
            page.note("Promise: blpop and batch are at-most-once (lose at most the events in the workers' hands, "
                    + "duplicate none); reliable and stream are at-least-once (lose 0; a re-delivery may be a "
                    + "duplicate). Recovery: seconds from the fault's end until the backlog was back to its "
                    + "pre-fault level and events were consumed again; 'never' when not within the run.");
        }
        scalability(page, sweep);
        if (sweep.varies(CellResult::rate)) {
            latencyByRate(page, sweep);
        }
        page.heading("Cells").table(cellTable(cells));
        if (cells.stream().anyMatch(c -> c.jvmCpuMsPer1k() != null || c.splitClientP50Micros() != null)) {
            page.heading("Cost per 1,000 events and where the latency goes").table(costAndSplitTable(cells));
            page.note("CPU: the consumer JVM's user + system time; allocation: bytes allocated by every JVM thread; "
                    + "Redis: its INFO cpu time. Latency split, p50 / p99 in µs: producer (stamp → push sent), "
                    + "redis (derived: push sent → reply at the client's socket), client (reply at the socket → "
                    + "worker holds the event); '-' where the pops were not stamped.");
        }
        page.noteMarkup("Rebuilt from <code>sweep.json</code> by <code>callq report</code>; each cell's own "
                + "report is in its folder under <code>cells/</code>.");
        return page;
    }

    private static void scalability(HtmlPage page, SweepFolder sweep) {
        page.heading("Throughput against workers");
        if (!sweep.varies(CellResult::workers)) {
            page.note("The worker count does not vary in this sweep: no scalability curve.");
            return;
        }
        Function<CellResult, String> series = seriesName(sweep, false);
        Map<String, List<UslFit.Point>> points = new LinkedHashMap<>();
        Map<String, Long> keptUp = new LinkedHashMap<>();
        for (CellResult cell : sweep.trustworthyCells()) {
            points.computeIfAbsent(series.apply(cell), k -> new ArrayList<>())
                    .add(new UslFit.Point(cell.workers(), cell.throughputPerSec()));
            keptUp.merge(series.apply(cell), saturated(cell) ? 0L : 1L, Long::sum);
        }
        UslCurves curves = new UslCurves();
        points.forEach((name, list) -> {
            Optional<UslFit> fit = UslCurves.fit(list);
            long cellsKeptUp = keptUp.get(name);
            if (fit.isEmpty() || cellsKeptUp == 0) {
                curves.add(name, list, fit);
                return;
            }
            curves.addUnfitted(name, list, "cells kept up with the offered rate");
            page.note(String.format(Locale.ROOT, "No USL curve for %s: %d of its cells kept up with the offered "
                    + "rate (throughput at least %.0f %% of it), so their throughput measures the load, not what "
                    + "the workers can do. Offer more than the pool can take to measure its scalability.",
                    name, cellsKeptUp, SATURATED_BELOW_OFFERED * 100));
        });
        page.chart(Charts.xy("usl", "throughput against workers, Universal Scalability Law fitted", "workers",
                "throughput (events/s)", curves.lines(), curves.bands()), "no trustworthy cell to draw");
        page.subheading("Universal Scalability Law: X(N) = λN / (1 + σ(N−1) + κN(N−1))").table(curves.table());
        page.note(UslCurves.intervalsNote());
    }

    /**
     * A pool that keeps up returns the offered rate whatever its size: its throughput says what the workers
     * can do only when it fell behind, the queue backlogged. A cell counts as saturated below this fraction
     * of the offered rate (the producer's achieved rate, or the cell's numeric rate under SIP load).
     */
    static final double SATURATED_BELOW_OFFERED = 0.9;

    static boolean saturated(CellResult cell) {
        OptionalDouble offered = offeredPerSec(cell);
        return offered.isPresent() && cell.throughputPerSec() < SATURATED_BELOW_OFFERED * offered.getAsDouble();
    }

    private static OptionalDouble offeredPerSec(CellResult cell) {
        if (cell.producerAchievedRatePerSec() != null) {
            return OptionalDouble.of(cell.producerAchievedRatePerSec());
        }
        try {
            return OptionalDouble.of(Double.parseDouble(cell.offeredRate()));
        } catch (NumberFormatException | NullPointerException e) {
            return OptionalDouble.empty(); // a rate profile: no single offered rate to compare with
        }
    }

    /** The sweep in one line per client: the range of its cells' p99 and its best throughput, then losses. */
    static String headline(SweepFolder sweep) {
        Map<String, List<CellResult>> byClient = new LinkedHashMap<>();
        sweep.trustworthyCells().forEach(cell -> byClient.computeIfAbsent(cell.client(), c -> new ArrayList<>()).add(cell));
        List<String> parts = new ArrayList<>();
        byClient.forEach((client, cells) -> {
            LongSummaryStatistics p99 = cells.stream().filter(c -> c.enqueueToDequeueP99Micros() != null)
                    .mapToLong(CellResult::enqueueToDequeueP99Micros).summaryStatistics();
            double best = cells.stream().mapToDouble(CellResult::throughputPerSec).max().orElse(0);
            String range = p99.getMin() == p99.getMax() ? String.format(Locale.ROOT, "%.2f", p99.getMin() / 1000.0)
                    : String.format(Locale.ROOT, "%.2f–%.2f", p99.getMin() / 1000.0, p99.getMax() / 1000.0);
            parts.add(String.format(Locale.ROOT, "%s p99 %s ms, up to %.0f events/s", client, range, best));
        });
        long lost = sweep.cells().stream().filter(c -> c.eventsLost() != null).mapToLong(CellResult::eventsLost).sum();
        long failed = sweep.cells().stream().filter(c -> c.throughputPerSec() == null).count();
        return (parts.isEmpty() ? "no trustworthy cell" : String.join("; ", parts))
                + (lost == 0 ? "; nothing lost" : "; " + lost + " events lost") + (failed == 0 ? "" : "; " + failed + " cells failed");
    }

    private static void latencyByRate(HtmlPage page, SweepFolder sweep) {
        Function<CellResult, String> series = seriesName(sweep, true);
        Map<String, List<CellResult>> groups = new LinkedHashMap<>();
        sweep.trustworthyCells().forEach(cell -> groups.computeIfAbsent(series.apply(cell), k -> new ArrayList<>()).add(cell));
        List<Charts.Line> lines = new ArrayList<>();
        for (Map.Entry<String, List<CellResult>> group : groups.entrySet()) {
            List<CellResult> byRate = group.getValue().stream()
                    .sorted(Comparator.comparingDouble(SweepHtml::offeredRatePerSec)).toList();
            lines.add(new Charts.Line(group.getKey(), byRate.stream().map(SweepHtml::offeredRatePerSec).toList(),
                    byRate.stream().map(c -> c.enqueueToDequeueP99Micros() / 1000.0).toList(), true, lines.size()));
        }
        page.heading("p99 enqueue → dequeue against offered rate");
        page.chart(Charts.xy("p99-rate", "p99 enqueue → dequeue against offered rate", "offered rate (events/s)",
                "p99 enqueue → dequeue (ms)", lines), "no trustworthy cell to draw");
    }

    /** The client and every other axis that varies, except workers and, for the rate chart, the rate. */
    private static Function<CellResult, String> seriesName(SweepFolder sweep, boolean rateOnX) {
        boolean patterns = sweep.varies(CellResult::pattern);
        boolean rates = !rateOnX && sweep.varies(CellResult::rate);
        boolean workers = rateOnX && sweep.varies(CellResult::workers);
        boolean serviceTimes = sweep.varies(CellResult::serviceTime);
        return cell -> {
            StringBuilder name = new StringBuilder(cell.client());
            if (patterns) {
                name.append(' ').append(cell.pattern());
            }
            if (workers) {
                name.append(' ').append(cell.workers()).append('w');
            }
            if (rates) {
                name.append(" @").append(cell.rate());
            }
            if (serviceTimes) {
                name.append(' ').append(cell.serviceTime());
            }
            return name.toString();
        };
    }

    private static double offeredRatePerSec(CellResult cell) {
        return Double.parseDouble(cell.offeredRate());
    }

    /** The guarantee table: per cell with faults, what was lost and duplicated, and whether the promise held. */
    static Table guaranteeTable(List<CellResult> cells) {
        List<GuaranteeRow> rows = GuaranteeRow.of(cells);
        return Table.highlighting(List.of("client", "pattern", "fault", "lost", "duplicated", "recovery (s)",
                "max p99 during fault (ms)", "promise", "kept", "Redis's counters agree"),
                rows.stream().map(r -> List.of(r.client(), r.pattern(), r.fault(), r.lost(), r.duplicated(), r.recovery(),
                        r.maxP99Ms(), r.promise(), r.kept(), r.crossChecks())).toList(),
                rows.stream().map(GuaranteeRow::broken).toList());
    }

    static Table cellTable(List<CellResult> cells) {
        List<List<String>> rows = new ArrayList<>();
        List<Boolean> suspect = new ArrayList<>();
        for (CellResult c : cells) {
            boolean ran = c.error() == null;
            rows.add(List.of(c.name(), c.offeredRate(),
                    ran ? perSec(c.throughputPerSec()) : "-",
                    ran ? millis(c.enqueueToDequeueP50Micros()) : "-", ran ? millis(c.enqueueToDequeueP99Micros()) : "-",
                    ran ? millis(c.enqueueToDequeueMaxMicros()) : "-",
                    c.producerAchievedRatePerSec() == null ? "-" : perSec(c.producerAchievedRatePerSec()),
                    ran ? lostDuplicatedLeft(c) : "-",
                    ran ? trustworthyText(c) : "FAILED: " + c.error()));
            suspect.add(!c.trustworthy());
        }
        return Table.highlighting(List.of("cell", "offered (ev/s)", "throughput (ev/s)", "p50 (ms)", "p99 (ms)", "max (ms)", "producer (ev/s)",
                "lost / dup / left", "trustworthy"), List.copyOf(rows), List.copyOf(suspect));
    }

    /** A cell that did not sustain its load says so by name: its latencies are the queue's wait, not the pipeline's. */
    private static String trustworthyText(CellResult cell) {
        if (cell.trustworthy()) {
            return "yes";
        }
        return (cell.notSustained() ? SustainedLoad.NOT_SUSTAINED : "NO") + " (exit " + cell.exitCode() + ")";
    }

    /** Per cell, what it cost per 1,000 events and its latency split, for the cells that recorded them. */
    static Table costAndSplitTable(List<CellResult> cells) {
        List<List<String>> rows = new ArrayList<>();
        List<Boolean> suspect = new ArrayList<>();
        for (CellResult c : cells) {
            rows.add(List.of(c.name(), oneDecimal(c.jvmCpuMsPer1k()), oneDecimal(c.jvmAllocatedKbPer1k()),
                    oneDecimal(c.redisCpuMsPer1k()), p50p99(c.splitProducerP50Micros(), c.splitProducerP99Micros()),
                    p50p99(c.splitRedisP50Micros(), c.splitRedisP99Micros()),
                    p50p99(c.splitClientP50Micros(), c.splitClientP99Micros())));
            suspect.add(!c.trustworthy());
        }
        return Table.highlighting(List.of("cell", "JVM CPU (ms)", "JVM allocation (KiB)", "Redis CPU (ms)",
                "producer (µs)", "redis (µs)", "client (µs)"), List.copyOf(rows), List.copyOf(suspect));
    }

    private static String oneDecimal(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String p50p99(Long p50Micros, Long p99Micros) {
        return p50Micros == null ? "-" : p50Micros + " / " + p99Micros;
    }

    private static String lostDuplicatedLeft(CellResult c) {
        return c.eventsLost() + " / " + c.eventsDuplicates() + " / " + c.eventsLeftInQueue();
    }

    private static String perSec(Double eventsPerSec) {
        return String.format(Locale.ROOT, "%.0f", eventsPerSec);
    }

    private static String millis(Long micros) {
        return micros == null ? "-" : String.format(Locale.ROOT, "%.2f", micros / 1000.0);
    }
}
