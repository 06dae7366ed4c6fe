package dev.callq.bench.report;

import dev.callq.bench.plan.PlanFile;
import dev.callq.bench.plan.PlanJson;

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
        return render(PlanJson.read(dir)).writeTo(dir);
    }

    /**
     * Per client the objective's wait Erlang C predicts for the recommended pool and, when it was validated,
     * what the run measured: "jedis 7 workers: p99 wait predicted 9.36 ms, measured 102.91 ms (objective 20 ms)".
     */
    static String headline(PlanFile plan) {
        String slo = plan.slo().text();
        List<String> parts = new ArrayList<>();
        for (PlanFile.Client client : plan.clients()) {
            int recommended = client.recommendedWorkers();
            List<Double> measured = client.validation().stream().filter(run -> run.workers() == recommended)
                    .map(run -> run.measuredSloWaitMicros() / 1000.0).toList();
            parts.add(String.format(Locale.ROOT, "%s %s: %s wait predicted %.2f ms%s", client.client(),
                    client.workerInterval() == null ? recommended + " workers" : client.workerInterval().text(),
                    plan.slo().label(), client.erlangC().predictedSloWaitMicros() / 1000.0,
                    measured.isEmpty() ? ", not validated" : measured.size() == 1
                            ? String.format(Locale.ROOT, ", measured %.2f ms", measured.get(0))
                            : String.format(Locale.ROOT, ", measured %.2f–%.2f ms in %d repeats",
                            measured.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                            measured.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), measured.size())));
        }
        return String.join("; ", parts) + " (objective " + slo + ")";
    }

    static HtmlPage render(PlanFile plan) {
        String title = String.format(Locale.ROOT, "callq-bench plan: %.0f events/s, %s, work %s", plan.rate(),
                plan.slo().text(), plan.serviceTime());
        PlanFile.Environment environment = plan.environment();
        HtmlPage page = new HtmlPage(title, title, String.format(Locale.ROOT,
                "queue wait enqueue → dequeue · Erlang C (Allen–Cunneen for Cs² ≠ 1), %s arrivals assumed · "
                        + "%d cores, 1-minute load average %.1f at the end", plan.arrivalsAssumed(),
                environment.cpus(), environment.loadAverageAtEnd()));
        List<String> recommendations = new ArrayList<>();
        boolean feasible = true;
        for (PlanFile.Client client : plan.clients()) {
            recommendations.add(client.client() + ": " + client.recommendedWorkers() + " workers"
                    + (client.feasible() ? "" : " (cannot meet the objective)"));
            feasible &= client.feasible();
        }
        page.verdict(feasible, String.join(" · ", recommendations));
        page.headline(headline(plan));
        page.provenance(plan.provenance());
        if (environment.busierThanItsCores()) {
            page.warnings(List.of("the machine was busier than its cores: scheduling delays are in every measurement"));
        }
        for (PlanFile.Client client : plan.clients()) {
            PlanClientSection.render(plan, client, page);
        }
        page.noteMarkup("Rebuilt from <code>plan.json</code> by <code>callq report</code>; the forked runs are "
                + "under <code>runs/</code>, each with its own report.");
        return page;
    }
}
