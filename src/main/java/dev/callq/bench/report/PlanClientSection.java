package dev.callq.bench.report;

import dev.callq.bench.plan.KamailioWorkers;
import dev.callq.bench.plan.PlanFile;
import dev.callq.bench.plan.ValidationRun;
import dev.callq.bench.plan.ValidationSummary;
import dev.callq.bench.plan.WorkerCountInterval;
import dev.callq.bench.queueing.HoldingTime;
import dev.callq.bench.queueing.PoolEstimate;
import dev.callq.bench.queueing.UslFit;
import dev.callq.bench.queueing.WaitModel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** One client's part of the plan report. */
final class PlanClientSection {
    /** Candidate pools shown past the recommendation. */
    private static final int CANDIDATES_ABOVE = 2;
    private static final String P99 = "p99";

    private PlanClientSection() {
    }

    static void render(PlanFile plan, PlanFile.Client client, HtmlPage page) {
        String name = client.client();
        int recommended = client.recommendedWorkers();
        page.heading(name + ": " + recommended + " workers recommended");
        List<String> limits = client.limits().stream().map(limit -> "cannot be met by adding workers: " + limit).toList();
        if (!limits.isEmpty()) {
            page.warnings(limits);
        }
        capacity(name, recommended, client.usl(), page);
        holdingTime(client, page);
        KamailioWorkers kamailio = client.kamailioWorkers();
        if (kamailio != null) {
            page.note(String.format(Locale.ROOT, "Kamailio SIP workers: %d (--kamailio-children %d) for %.0f pushes/s "
                    + "over a %.0f µs Redis round trip: %.2f busy pushing on average (Little's law), P(wait) %.3f; "
                    + "pushes only, so a floor.", kamailio.workers(), kamailio.workers(), kamailio.pushesPerSec(),
                    kamailio.roundTripMicros(), kamailio.busyOnAverage(), kamailio.probabilityOfWaiting()));
        }
        page.subheading("Erlang C around the recommendation").table(erlangC(plan, client, recommended));
        if (client.workerInterval() != null) {
            page.subheading("How sure: the worker count resampled").table(chances(plan, client.workerInterval()));
        }
        if (!client.validation().isEmpty()) {
            page.subheading(String.format(Locale.ROOT, "Validation at %.0f events/s, Poisson arrivals", plan.rate()));
            if (!client.validationSummary().isEmpty()) {
                page.table(validationSummary(plan, client));
            }
            if (client.agreement() != null && client.agreement().text() != null) {
                page.note(client.agreement().text());
            }
            page.table(validation(plan, client));
        }
    }

    private static void capacity(String name, int recommended, PlanFile.Usl usl, HtmlPage page) {
        List<UslFit.Point> points = usl.points() == null ? List.of() : usl.points().stream()
                .map(p -> new UslFit.Point(p.workers(), p.throughputPerSec())).toList();
        Optional<UslFit> fit = usl.sigma() != null
                ? Optional.of(new UslFit(usl.sigma(), usl.kappa(), usl.lambda(),
                usl.rSquared() == null ? Double.NaN : usl.rSquared()))
                : Optional.empty();
        UslCurves curves = new UslCurves().add(name, points, fit);
        double top = points.stream().mapToDouble(UslFit.Point::throughputPerSec).max().orElse(1.0);
        double curveTop = fit.map(law -> law.predict(Math.max(recommended, curves.largestWorkers()) * 1.25)).orElse(top);
        List<Charts.Line> lines = new ArrayList<>(curves.lines());
        lines.add(new Charts.Line("recommended: " + recommended + " workers", List.of((double) recommended,
                (double) recommended), List.of(0.0, Math.max(top, curveTop)), false, 5));
        page.chart(Charts.xy("plan-" + name, name + ": saturated throughput against workers", "workers",
                "throughput (events/s)", lines, curves.bands()), "no saturated runs to draw");
        page.table(curves.table());
        page.note(UslCurves.intervalsNote());
    }

    private static void holdingTime(PlanFile.Client client, HtmlPage page) {
        HoldingTime s = client.holdingTime();
        page.table(Table.of(List.of("holding time S (µs)", "work mean (µs)", "work σ (µs)", "pop round trip (µs)",
                "Cs²", "Redis ceiling (events/s)"), List.of(List.of(f0(s.meanMicros()),
                f0(s.workMeanMicros()), f0(s.workStddevMicros()), f0(s.popRoundTripMicros()),
                String.format(Locale.ROOT, "%.2f", s.squaredCoefficientOfVariation()),
                f0(client.redisCeilingPerSec())))));
    }

    /** The pools from two below the recommendation (or from ⌊A⌋, unstable, when nearer) to two above it. */
    static Table erlangC(PlanFile plan, PlanFile.Client client, int recommended) {
        HoldingTime s = client.holdingTime();
        WaitModel model = new WaitModel(plan.rate(), s.meanMicros(), s.squaredCoefficientOfVariation());
        double percentile = plan.slo().percentile();
        double targetMicros = plan.slo().waitTargetMicros();
        String label = plan.slo().label();
        List<List<String>> rows = new ArrayList<>();
        int first = Math.max(1, Math.min(recommended - 2, (int) Math.floor(model.offeredLoadErlangs())));
        for (int workers = first; workers <= recommended + CANDIDATES_ABOVE; workers++) {
            PoolEstimate estimate = model.estimate(workers, percentile);
            String mark = workers == recommended ? "recommended" : "";
            if (estimate instanceof PoolEstimate.Stable stable) {
                PoolEstimate.Stable p99 = (PoolEstimate.Stable) model.estimate(workers, 0.99);
                rows.add(List.of(Integer.toString(workers), f2(stable.offeredLoadErlangs()), f3(stable.utilisation()),
                        f3(stable.probabilityOfWaiting()), ms(stable.meanWaitMicros()), ms(p99.percentileWaitMicros()),
                        ms(stable.percentileWaitMicros()), stable.percentileWaitMicros() <= targetMicros ? "yes" : "no",
                        mark));
            } else {
                rows.add(List.of(Integer.toString(workers), f2(estimate.offeredLoadErlangs()), "≥ 1", "1", "unbounded",
                        "unbounded", "unbounded", "no", mark));
            }
        }
        List<String> header = List.of("workers N", "A (Erlangs)", "ρ", "P(wait)", "mean wait (ms)", "p99 wait (ms)",
                label + " wait (ms)", "meets " + plan.slo().text(), "");
        return P99.equals(label) ? withoutColumn(Table.of(header, rows), 6) : Table.of(header, rows);
    }

    /** P(objective holds) under the model at each pool size around the interval. */
    static Table chances(PlanFile plan, PlanFile.WorkerInterval interval) {
        List<List<String>> rows = new ArrayList<>();
        for (WorkerCountInterval.Chance chance : interval.sloChance()) {
            int workers = chance.workers();
            rows.add(List.of(Integer.toString(workers), String.format(Locale.ROOT, "%.2f", chance.probability()),
                    workers == interval.workers() ? "recommended" : workers >= interval.low()
                            && workers <= interval.high() ? "in the interval" : ""));
        }
        return Table.of(List.of("workers N", String.format(Locale.ROOT, "P(%s holds) under the model (%s; %,d resamples "
                + "of %,d work durations and %d saturated run(s), seed %d)", plan.slo().text(), interval.text(),
                interval.resamples(), interval.workDurations(), interval.saturatedRepeats(), interval.seed()), ""), rows);
    }

    static Table validationSummary(PlanFile plan, PlanFile.Client client) {
        List<List<String>> rows = new ArrayList<>();
        List<Boolean> missed = new ArrayList<>();
        for (ValidationSummary summary : client.validationSummary()) {
            rows.add(List.of(Integer.toString(summary.workers()), summary.met() + " of " + summary.repeats(),
                    ms(summary.lowestP99Micros()) + "–" + ms(summary.highestP99Micros()),
                    summary.predictedSloMet() ? "met" : "missed",
                    String.format(Locale.ROOT, "%.2f", summary.modelChance())));
            missed.add(summary.met() < summary.repeats());
        }
        return Table.highlighting(List.of("workers", "repeats that met " + plan.slo().text(), "measured p99 (ms)",
                "model says", "model P(met)"), rows, missed);
    }

    static Table validation(PlanFile plan, PlanFile.Client client) {
        String label = plan.slo().label();
        List<List<String>> rows = new ArrayList<>();
        List<Boolean> missed = new ArrayList<>();
        for (ValidationRun run : client.validation()) {
            rows.add(List.of(Integer.toString(run.workers()),
                    run.predictedP99Micros() == null ? "unstable" : ms(run.predictedP99Micros()),
                    ms(run.measuredP99Micros()),
                    run.predictedSloWaitMicros() == null ? "unstable" : ms(run.predictedSloWaitMicros()),
                    ms(run.measuredSloWaitMicros()),
                    run.predictedSloMet() ? "met" : "missed",
                    run.sloMet() ? "met" : "MISSED",
                    ms(run.producerLagP99Micros()), f0(run.throughputPerSec()),
                    Integer.toString(run.exitCode()),
                    Path.of(run.dir() == null ? "-" : run.dir()).getFileName().toString()));
            missed.add(!run.sloMet());
        }
        Table table = Table.highlighting(List.of("workers", "predicted p99 (ms)", "measured p99 (ms)",
                "predicted " + label + " (ms)", "measured " + label + " (ms)", "SLO predicted", "SLO measured",
                "producer lag p99 (ms)", "throughput (events/s)", "exit", "run"), rows, missed);
        return P99.equals(label) ? withoutColumn(withoutColumn(table, 4), 3) : table;
    }

    /** The objective's own columns repeat the p99 columns when the objective is on p99. */
    private static Table withoutColumn(Table table, int column) {
        List<String> header = new ArrayList<>(table.header());
        header.remove(column);
        List<List<String>> rows = new ArrayList<>();
        for (List<String> row : table.rows()) {
            List<String> kept = new ArrayList<>(row);
            kept.remove(column);
            rows.add(kept);
        }
        return new Table(header, rows, table.mustBeZero(), table.highlighted());
    }

    private static String ms(double micros) {
        return String.format(Locale.ROOT, "%.2f", micros / 1000.0);
    }

    private static String f0(double value) {
        return String.format(Locale.ROOT, "%.0f", value);
    }

    private static String f2(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String f3(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
