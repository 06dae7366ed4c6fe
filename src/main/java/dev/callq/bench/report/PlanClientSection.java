package dev.callq.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
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

    static void render(JsonNode plan, JsonNode client, HtmlPage page) {
        String name = client.path("client").asText();
        int recommended = client.path("recommendedWorkers").asInt();
        page.heading(name + ": " + recommended + " workers recommended");
        List<String> limits = new ArrayList<>();
        client.path("limits").forEach(limit -> limits.add("cannot be met by adding workers: " + limit.asText()));
        if (!limits.isEmpty()) {
            page.warnings(limits);
        }
        capacity(name, recommended, client, page);
        holdingTime(client, page);
        JsonNode kamailio = client.path("kamailioWorkers");
        if (kamailio.isObject()) {
            page.note(String.format(Locale.ROOT, "Kamailio SIP workers: %d (--kamailio-children %d) for %.0f pushes/s "
                    + "over a %.0f µs Redis round trip: %.2f busy pushing on average (Little's law), P(wait) %.3f; "
                    + "pushes only, so a floor.", kamailio.path("workers").asInt(), kamailio.path("workers").asInt(),
                    kamailio.path("pushesPerSec").asDouble(), kamailio.path("roundTripMicros").asDouble(),
                    kamailio.path("busyOnAverage").asDouble(), kamailio.path("probabilityOfWaiting").asDouble()));
        }
        page.subheading("Erlang C around the recommendation").table(erlangC(plan, client, recommended));
        if (client.path("workerInterval").isObject()) {
            page.subheading("How sure: the worker count resampled").table(chances(plan, client.path("workerInterval")));
        }
        if (!client.path("validation").isEmpty()) {
            page.subheading(String.format(Locale.ROOT, "Validation at %.0f events/s, Poisson arrivals",
                    plan.path("rate").asDouble()));
            if (client.path("validationSummary").isArray() && !client.path("validationSummary").isEmpty()) {
                page.table(validationSummary(plan, client));
            }
            if (client.path("agreement").path("text").isTextual()) {
                page.note(client.path("agreement").path("text").asText());
            }
            page.table(validation(plan, client));
        }
    }

    private static void capacity(String name, int recommended, JsonNode client, HtmlPage page) {
        JsonNode usl = client.path("usl");
        List<UslFit.Point> points = new ArrayList<>();
        usl.path("points").forEach(p -> points.add(new UslFit.Point(p.path("workers").asDouble(),
                p.path("throughputPerSec").asDouble())));
        Optional<UslFit> fit = usl.path("sigma").isNumber()
                ? Optional.of(new UslFit(usl.path("sigma").asDouble(), usl.path("kappa").asDouble(),
                usl.path("lambda").asDouble(), usl.path("rSquared").asDouble(Double.NaN)))
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

    private static void holdingTime(JsonNode client, HtmlPage page) {
        JsonNode s = client.path("holdingTime");
        page.table(Table.of(List.of("holding time S (µs)", "work mean (µs)", "work σ (µs)", "pop round trip (µs)",
                "Cs²", "Redis ceiling (events/s)"), List.of(List.of(f0(s.path("meanMicros")),
                f0(s.path("workMeanMicros")), f0(s.path("workStddevMicros")), f0(s.path("popRoundTripMicros")),
                String.format(Locale.ROOT, "%.2f", s.path("squaredCoefficientOfVariation").asDouble()),
                f0(client.path("redisCeilingPerSec"))))));
    }

    /** The pools from two below the recommendation (or from ⌊A⌋, unstable, when nearer) to two above it. */
    static Table erlangC(JsonNode plan, JsonNode client, int recommended) {
        JsonNode s = client.path("holdingTime");
        WaitModel model = new WaitModel(plan.path("rate").asDouble(), s.path("meanMicros").asDouble(),
                s.path("squaredCoefficientOfVariation").asDouble());
        double percentile = plan.path("slo").path("percentile").asDouble();
        double targetMicros = plan.path("slo").path("waitTargetMicros").asDouble();
        String label = plan.path("slo").path("text").asText().split("=")[0];
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
                label + " wait (ms)", "meets " + plan.path("slo").path("text").asText(), "");
        return P99.equals(label) ? withoutColumn(Table.of(header, rows), 6) : Table.of(header, rows);
    }

    /** P(objective holds) under the model at each pool size around the interval. */
    static Table chances(JsonNode plan, JsonNode interval) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode chance : interval.path("sloChance")) {
            int workers = chance.path("workers").asInt();
            rows.add(List.of(Integer.toString(workers), String.format(Locale.ROOT, "%.2f", chance.path("probability").asDouble()),
                    workers == interval.path("workers").asInt() ? "recommended" : workers >= interval.path("low").asInt()
                            && workers <= interval.path("high").asInt() ? "in the interval" : ""));
        }
        return Table.of(List.of("workers N", String.format(Locale.ROOT, "P(%s holds) under the model (%s; %,d resamples "
                + "of %,d work durations and %d saturated run(s), seed %d)", plan.path("slo").path("text").asText(),
                interval.path("text").asText(), interval.path("resamples").asInt(), interval.path("workDurations").asLong(),
                interval.path("saturatedRepeats").asInt(), interval.path("seed").asLong()), ""), rows);
    }

    static Table validationSummary(JsonNode plan, JsonNode client) {
        String slo = plan.path("slo").path("text").asText();
        List<List<String>> rows = new ArrayList<>();
        List<Boolean> missed = new ArrayList<>();
        for (JsonNode summary : client.path("validationSummary")) {
            rows.add(List.of(Integer.toString(summary.path("workers").asInt()),
                    summary.path("met").asInt() + " of " + summary.path("repeats").asInt(),
                    ms(summary.path("lowestP99Micros").asDouble()) + "–" + ms(summary.path("highestP99Micros").asDouble()),
                    summary.path("predictedSloMet").asBoolean() ? "met" : "missed",
                    String.format(Locale.ROOT, "%.2f", summary.path("modelChance").asDouble())));
            missed.add(summary.path("met").asInt() < summary.path("repeats").asInt());
        }
        return Table.highlighting(List.of("workers", "repeats that met " + slo, "measured p99 (ms)", "model says",
                "model P(met)"), rows, missed);
    }

    static Table validation(JsonNode plan, JsonNode client) {
        String label = plan.path("slo").path("text").asText().split("=")[0];
        List<List<String>> rows = new ArrayList<>();
        List<Boolean> missed = new ArrayList<>();
        for (JsonNode run : client.path("validation")) {
            JsonNode predicted = run.path("predictedSloWaitMicros");
            rows.add(List.of(Integer.toString(run.path("workers").asInt()),
                    run.path("predictedP99Micros").isNumber() ? ms(run.path("predictedP99Micros").asDouble()) : "unstable",
                    ms(run.path("measuredP99Micros").asDouble()),
                    predicted.isNumber() ? ms(predicted.asDouble()) : "unstable",
                    ms(run.path("measuredSloWaitMicros").asDouble()),
                    run.path("predictedSloMet").asBoolean() ? "met" : "missed",
                    run.path("sloMet").asBoolean() ? "met" : "MISSED",
                    ms(run.path("producerLagP99Micros").asDouble()), f0(run.path("throughputPerSec")),
                    Integer.toString(run.path("exitCode").asInt()),
                    Path.of(run.path("dir").asText("-")).getFileName().toString()));
            missed.add(!run.path("sloMet").asBoolean());
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

    private static String f0(JsonNode value) {
        return value.isNumber() ? String.format(Locale.ROOT, "%.0f", value.asDouble()) : "-";
    }

    private static String f2(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String f3(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
