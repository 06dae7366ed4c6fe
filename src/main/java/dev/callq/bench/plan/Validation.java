package dev.callq.bench.plan;

import dev.callq.bench.driver.ClientChoice;
import dev.callq.bench.measure.IntervalLogReader;
import dev.callq.bench.measure.Metric;
import dev.callq.bench.measure.Slo;
import dev.callq.bench.queueing.PoolEstimate;
import dev.callq.bench.result.ClientResult;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks a plan against measurement: the pools one smaller than recommended, as recommended and one
 * larger, each run {@code validationRepeats} times at the target rate with Poisson arrivals (the
 * arrivals Erlang C assumes), in forked synthetic runs. One run is one sample of a tail: the repeats
 * say how often a pool meets the objective. The pools take turns (N − 1, N, N + 1, then again), so a
 * machine that gets busier halfway weighs on all three alike.
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
        for (int repeat = 1; repeat <= settings.validationRepeats(); repeat++) {
            for (int workers = Math.max(1, recommended - 1); workers <= recommended + 1; workers++) {
                runs.add(run(plan, workers, repeat));
            }
        }
        return List.copyOf(runs);
    }

    private ValidationRun run(ClientPlan plan, int workers, int repeat) {
        String name = ClientChoice.labelOf(plan.client()).replace(':', '-') + "-validate-" + workers + "w"
                + (settings.validationRepeats() > 1 ? "-" + repeat : "");
        ForkedCell.Result result = new ForkedCell(plan.client(), workers, settings.ratePerSec(),
                settings.serviceTimeSpec(), "poisson", settings.validationWarmupSeconds(),
                settings.validationSeconds())
                .run(settings.outDir().resolve("runs").resolve(name), settings);
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
        ValidationRun run = new ValidationRun(workers, repeat, predictedP99, wait.getValueAtPercentile(99.0),
                predictedSlo, measuredSlo, measuredSlo <= slo.waitTargetMicros(),
                predictedSlo != null && predictedSlo <= slo.waitTargetMicros(), wait.getMean(), predictedMean,
                lagP99, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), client.throughputPerSec(), result.outcome().exitCode(), result.outcome().outDir().toString());
        progress.printf(Locale.ROOT, "  %s validation, %2d workers at %.0f/s, repeat %d: measured %s %.1f ms%n",
                plan.client(), workers, settings.ratePerSec(), repeat, slo.label(), measuredSlo / 1000.0);
        return run;
    }
}
