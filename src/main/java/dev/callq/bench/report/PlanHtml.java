package dev.callq.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callq.bench.HarnessException;
import dev.callq.bench.plan.PlanJson;
import dev.callq.bench.result.SummaryJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A plan's report.html, from its {@code plan.json} alone: per client the measured capacity against
 * workers with the fitted USL and the recommended pool marked, the Erlang C figures for the pool sizes
 * around the recommendation, and the validation runs' predicted against measured wait.
 */
public final class PlanHtml {
    private PlanHtml() {
    }

    /** Writes {@code dir}/report.html from {@code dir}/plan.json; returns its path. */
    public static Path write(Path dir) {
        return render(read(dir)).writeTo(dir);
    }

    static JsonNode read(Path dir) {
        Path file = dir.resolve(PlanJson.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new HarnessException("no " + PlanJson.FILE_NAME + " in " + dir);
        }
        try {
            return SummaryJson.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new HarnessException("cannot read " + file + ": " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    /**
     * Per client the objective's wait Erlang C predicts for the recommended pool and, when it was validated,
     * what the run measured: "jedis 7 workers: p99 wait predicted 9.36 ms, measured 102.91 ms (objective 20 ms)".
     */
    static String headline(JsonNode plan) {
        String slo = plan.path("slo").path("text").asText();
        List<String> parts = new ArrayList<>();
        for (JsonNode client : plan.path("clients")) {
            int recommended = client.path("recommendedWorkers").asInt();
            List<Double> measured = new ArrayList<>();
            client.path("validation").forEach(run -> {
                if (run.path("workers").asInt() == recommended) {
                    measured.add(run.path("measuredSloWaitMicros").asDouble() / 1000.0);
                }
            });
            JsonNode interval = client.path("workerInterval");
            parts.add(String.format(Locale.ROOT, "%s %s: %s wait predicted %.2f ms%s", client.path("client").asText(),
                    interval.path("text").isTextual() ? interval.path("text").asText() : recommended + " workers",
                    slo.replaceFirst("=.*", ""), client.path("erlangC").path("predictedSloWaitMicros").asDouble() / 1000.0,
                    measured.isEmpty() ? ", not validated" : measured.size() == 1
                            ? String.format(Locale.ROOT, ", measured %.2f ms", measured.get(0))
                            : String.format(Locale.ROOT, ", measured %.2f–%.2f ms in %d repeats",
                            measured.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                            measured.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), measured.size())));
        }
        return String.join("; ", parts) + " (objective " + slo + ")";
    }

    static HtmlPage render(JsonNode plan) {
        String slo = plan.path("slo").path("text").asText();
        String title = String.format(Locale.ROOT, "callq-bench plan: %.0f events/s, %s, work %s",
                plan.path("rate").asDouble(), slo, plan.path("serviceTime").asText());
        JsonNode environment = plan.path("environment");
        HtmlPage page = new HtmlPage(title, title, String.format(Locale.ROOT,
                "queue wait enqueue → dequeue · Erlang C (Allen–Cunneen for Cs² ≠ 1), %s arrivals assumed · "
                        + "%d cores, 1-minute load average %.1f at the end", plan.path("arrivalsAssumed").asText(),
                environment.path("cpus").asInt(), environment.path("loadAverageAtEnd").asDouble()));
        List<String> recommendations = new ArrayList<>();
        boolean feasible = true;
        for (JsonNode client : plan.path("clients")) {
            recommendations.add(client.path("client").asText() + ": " + client.path("recommendedWorkers").asInt()
                    + " workers" + (client.path("feasible").asBoolean() ? "" : " (cannot meet the objective)"));
            feasible &= client.path("feasible").asBoolean();
        }
        page.verdict(feasible, String.join(" · ", recommendations));
        page.headline(headline(plan));
        page.provenance(plan.path("provenance"));
        if (environment.path("loadAverageAtEnd").asDouble() > environment.path("cpus").asInt()) {
            page.warnings(List.of("the machine was busier than its cores: scheduling delays are in every measurement"));
        }
        for (JsonNode client : plan.path("clients")) {
            PlanClientSection.render(plan, client, page);
        }
        page.noteMarkup("Rebuilt from <code>plan.json</code> by <code>callq report</code>; the forked runs are "
                + "under <code>runs/</code>, each with its own report.");
        return page;
    }
}
