package dev.callq.bench.plan;

import dev.callq.bench.driver.ClientChoice;
import dev.callq.bench.measure.IntervalLogReader;
import dev.callq.bench.measure.Metric;
import dev.callq.bench.measure.Slo;
import dev.callq.bench.queueing.PoolEstimate;
import dev.callq.bench.run.ClientResult;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks a plan against measurement: the recommended pool and the pool one smaller, each run at the
 * target rate with Poisson arrivals (the arrivals Erlang C assumes), in forked synthetic runs.
 */
public final class Validation {
    private static final double P99 = 0.99;

    private final PlanSettings settings;
    private final PrintStream progress;

    public Validation(PlanSettings settings, PrintStream progress) {
        this.settings = settings;
        this.progress = progress;
    }

    public List<ValidationRun> validate(ClientPlan plan) {
        List<ValidationRun> runs = new ArrayList<>();
        int recommended = plan.recommendedWorkers();
        for (int workers = recommended; workers >= Math.max(1, recommended - 1); workers--) {
            runs.add(run(plan, workers));
        }
        return List.copyOf(runs);
    }

    private ValidationRun run(ClientPlan plan, int workers) {
        ForkedCell.Result result = new ForkedCell(plan.client(), workers, settings.ratePerSec(),
                settings.serviceTimeSpec(), "poisson", settings.validationWarmupSeconds(),
                settings.validationSeconds())
                .run(settings.outDir().resolve("runs").resolve(ClientChoice.labelOf(plan.client()).replace(':', '-') + "-validate-" + workers + "w"), settings);
        Histogram wait = IntervalLogReader.cumulative(result.hlog(), Metric.ENQUEUE_TO_DEQUEUE.tag());
        Slo slo = plan.slo();
        long measuredSlo = wait.getValueAtPercentile(slo.percentile() * 100.0);
        PoolEstimate atSlo = plan.estimate(workers, slo.percentile());
        PoolEstimate atP99 = plan.estimate(workers, P99);
        Double predictedSlo = atSlo instanceof PoolEstimate.Stable s ? s.percentileWaitMicros() : null;
        Double predictedP99 = atP99 instanceof PoolEstimate.Stable s ? s.percentileWaitMicros() : null;
        Double predictedMean = atP99 instanceof PoolEstimate.Stable s ? s.meanWaitMicros() : null;
        ClientResult client = result.client();
        long lagP99 = client.producer() == null ? 0 : client.producer().lagMicros().p99();
        ValidationRun run = new ValidationRun(workers, predictedP99, wait.getValueAtPercentile(99.0),
                predictedSlo, measuredSlo, measuredSlo <= slo.waitTargetMicros(),
                predictedSlo != null && predictedSlo <= slo.waitTargetMicros(), wait.getMean(), predictedMean,
                lagP99, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), client.throughputPerSec(), result.outcome().exitCode(), result.outcome().outDir().toString());
        progress.printf(Locale.ROOT, "  %s validation, %2d workers at %.0f/s: measured %s %.1f ms%n", plan.client(),
                workers, settings.ratePerSec(), slo.label(), measuredSlo / 1000.0);
        return run;
    }
}
