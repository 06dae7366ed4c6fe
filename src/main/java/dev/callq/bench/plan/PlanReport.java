package dev.callq.bench.plan;

import dev.callq.bench.measure.Slo;
import dev.callq.bench.queueing.HoldingTime;
import dev.callq.bench.queueing.PoolEstimate;
import dev.callq.bench.queueing.UslBootstrap;
import dev.callq.bench.queueing.UslFit;
import dev.callq.bench.ExitCode;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The plan as a telephony engineer reads it: Erlangs, utilisation, probability of waiting, wait percentiles. */
public final class PlanReport {
    private final PlanSettings settings;
    private final double loadAverage;
    private final int cpus;

    public PlanReport(PlanSettings settings, double loadAverage, int cpus) {
        this.settings = settings;
        this.loadAverage = loadAverage;
        this.cpus = cpus;
    }

    public void print(List<PlanOutcome> outcomes, PrintStream out) {
        out.printf(Locale.ROOT, "%nPlan: %.0f events/s, %s queue wait (enqueue → dequeue), work %s%n",
                settings.ratePerSec(), settings.slo(), settings.serviceTimeSpec());
        out.println("Model: Erlang C (M/M/c) with Allen–Cunneen for Cs² ≠ 1; assumes Poisson arrivals.");
        if (!settings.redisRtt().isZero()) {
            out.printf(Locale.ROOT, "Network: every run reached Redis through a proxy adding %.0f µs of round trip%s%n",
                    settings.redisRtt().toNanos() / 1e3, settings.redisRttJitter().isZero() ? ""
                            : String.format(Locale.ROOT, " ± %.0f µs", settings.redisRttJitter().toNanos() / 1e3));
        }
        out.printf(Locale.ROOT, "Machine: %d cores, 1-minute load average %.1f at the end%s%n", cpus, loadAverage,
                loadAverage > cpus ? " — busier than its cores: scheduling delays are in every measurement" : "");
        for (PlanOutcome outcome : outcomes) {
            printClient(outcome, out);
        }
    }

    private void printClient(PlanOutcome outcome, PrintStream out) {
        ClientPlan plan = outcome.plan();
        HoldingTime s = plan.holding();
        out.printf(Locale.ROOT, "%n%s%n", plan.client());
        out.printf(Locale.ROOT, "  saturated throughput X(N)   %s%n", outcome.measurement().saturated().stream()
                .map(p -> String.format(Locale.ROOT, "%d: %.0f/s", (int) p.concurrency(), p.throughputPerSec()))
                .collect(Collectors.joining("  ")));
        out.printf(Locale.ROOT, "  holding time S              %.0f µs = work %.0f µs (σ %.0f µs) + pop round trip %.0f µs;"
                + " Cs² %.2f%n", s.meanMicros(), s.workMeanMicros(), s.workStddevMicros(), s.popRoundTripMicros(),
                s.squaredCoefficientOfVariation());
        out.println("  USL                         " + usl(plan));
        out.println("                              " + uslIntervals(plan));
        out.printf(Locale.ROOT, "  Redis ceiling (no work)     %.0f events/s (one Redis thread caps every plan)%n",
                plan.redisCeilingPerSec());
        PoolEstimate.Stable best = plan.sizing().recommended();
        out.printf(Locale.ROOT, "  offered load A = λ·S        %.2f Erlangs%n", best.offeredLoadErlangs());
        WorkerCountInterval interval = outcome.workerInterval();
        out.printf(Locale.ROOT, "  recommended workers         %s%n", interval.headline());
        out.printf(Locale.ROOT, "    (bootstrap, %,d resamples, seed %d: of the %,d work durations and the %d saturated "
                + "run(s) at the smallest pool; S %s µs)%n", interval.resamples(), UslBootstrap.SEED,
                outcome.measurement().holdingSamples().workCount(), outcome.measurement().holdingSamples().repeats(),
                interval.holdingMicros().format("%.0f"));
        out.printf(Locale.ROOT, "    P(%s holds) under the model: %s%n", settings.slo(), interval.chances().stream()
                .map(c -> String.format(Locale.ROOT, "%d: %.2f", c.workers(), c.probability()))
                .collect(Collectors.joining("  ")));
        coresNeeded(outcome).ifPresent(line -> out.println("  CPU                         " + line));
        printEstimate("    ", best, out);
        plan.sizing().oneFewer().ifPresent(fewer -> printEstimate("    ", fewer, out));
        if (settings.sipLoad()) {
            out.println("  Kamailio SIP workers        " + KamailioWorkers.of(settings.ratePerSec(),
                    s.popRoundTripMicros()).describe());
        }
        for (String limit : plan.limits()) {
            out.println("  CANNOT BE MET BY ADDING WORKERS: " + limit);
        }
        if (!outcome.validation().isEmpty()) {
            printValidation(outcome, out);
        }
    }

    /**
     * How many cores the pool keeps busy at the planned rate: the median CPU per event of the saturated
     * runs (the whole consumer JVM, with the client's I/O threads and the synthetic producer) times the rate.
     */
    private java.util.Optional<String> coresNeeded(PlanOutcome outcome) {
        double[] perThousand = outcome.measurement().runs().stream()
                .filter(r -> r.purpose().equals("saturated") && r.jvmCpuMsPer1k() != null)
                .mapToDouble(RunEvidence::jvmCpuMsPer1k).sorted().toArray();
        if (perThousand.length == 0) {
            return java.util.Optional.empty();
        }
        double median = perThousand[perThousand.length / 2];
        double cores = median * settings.ratePerSec() / 1e6;
        return java.util.Optional.of(String.format(Locale.ROOT, "%.1f ms per 1,000 events (median of the saturated "
                + "runs, whole JVM with its producer) → %.2f cores busy at %.0f events/s", median, cores,
                settings.ratePerSec()));
    }

    private void printEstimate(String indent, PoolEstimate estimate, PrintStream out) {
        if (estimate instanceof PoolEstimate.Stable stable) {
            out.printf(Locale.ROOT, "%s%2d workers: ρ %.3f  P(wait) %.3f  mean wait %.2f ms  %s wait %.2f ms%n",
                    indent, stable.workers(), stable.utilisation(), stable.probabilityOfWaiting(),
                    stable.meanWaitMicros() / 1000.0, settings.slo().label(), stable.percentileWaitMicros() / 1000.0);
        } else {
            out.printf(Locale.ROOT, "%s%2d workers: ρ ≥ 1, c ≤ A: the backlog grows without bound%n", indent,
                    estimate.workers());
        }
    }

    private void printValidation(PlanOutcome outcome, PrintStream out) {
        Slo slo = outcome.plan().slo();
        out.printf(Locale.ROOT, "  validation at %.0f events/s, Poisson arrivals, %.0f s measured, %d repeat(s) each:%n",
                settings.ratePerSec(), settings.validationSeconds(), settings.validationRepeats());
        for (ValidationSummary summary : outcome.validationSummaries()) {
            out.println("    " + summary.describe(slo.toString(), slo.label()));
        }
        long untrustworthy = outcome.validation().stream().filter(run -> run.exitCode() != ExitCode.OK).count();
        if (untrustworthy > 0) {
            out.printf(Locale.ROOT, "    %d validation run(s) exited %d: read them with their warnings (runs/)%n",
                    untrustworthy, ExitCode.UNTRUSTWORTHY);
        }
        outcome.agreement().ifPresent(agreement -> out.println("  " + agreement.text()));
        // One note per pool size, and only where most of its repeats part from the model: a single repeat
        // against two is a sample of the tail, not a disagreement.
        outcome.validation().stream().collect(Collectors.groupingBy(ValidationRun::workers, TreeMap::new,
                        Collectors.toList()))
                .forEach((workers, runs) -> {
                    List<String> notes = runs.stream()
                            .map(run -> Disagreement.explain(outcome.plan(), run, settings.validationSeconds(), cpus))
                            .flatMap(Optional::stream).toList();
                    if (2 * notes.size() > runs.size()) {
                        out.println("    note: " + notes.get(0));
                    }
                });
    }

    private static String usl(ClientPlan plan) {
        if (plan.usl().isEmpty()) {
            return "not fitted (fewer than 3 worker counts)";
        }
        UslFit fit = plan.usl().get();
        String peak = fit.peakWorkers().isPresent()
                ? String.format(Locale.ROOT, "N* %.1f, peak %.0f events/s", fit.peakWorkers().getAsDouble(),
                fit.peakThroughput().getAsDouble())
                : "κ = 0: no peak within the law, throughput still rising";
        String amdahl = Double.isInfinite(fit.amdahlLimit()) ? "none (σ = 0)"
                : String.format(Locale.ROOT, "%.0f events/s", fit.amdahlLimit());
        return String.format(Locale.ROOT, "σ %.4f  κ %.6f  λ %.1f events/s per worker  %s  Amdahl limit λ/σ %s  "
                + "(R² %.4f)", fit.sigma(), fit.kappa(), fit.lambda(), peak, amdahl, fit.rSquared());
    }

    private static String uslIntervals(ClientPlan plan) {
        if (plan.uslIntervals().isEmpty()) {
            return "no intervals: they need " + UslBootstrap.MINIMUM_POINTS + " or more saturated runs "
                    + "(a three-parameter fit through three points says nothing of the noise)";
        }
        UslBootstrap usl = plan.uslIntervals().get();
        return String.format(Locale.ROOT, "%s intervals (bootstrap, %,d resamples of the %s, seed %d%s): σ %s  κ %s  "
                        + "λ %s  N* %s  peak %s events/s  λ/σ %s events/s", usl.sigma().levelLabel(), usl.resamples(),
                usl.method() == UslBootstrap.Method.REPEATS ? "repeats" : "fit's residuals", UslBootstrap.SEED,
                usl.failedResamples() == 0 ? "" : ", " + usl.failedResamples() + " did not converge",
                usl.sigma().format("%.4f"), usl.kappa().format("%.6f"), usl.lambda().format("%.1f"),
                usl.peakWorkers().format("%.1f"), usl.highestThroughput().format("%.0f"),
                usl.amdahlLimit().format("%.0f"));
    }
}
