package dev.callq.bench.plan;

import dev.callq.bench.HarnessException;
import dev.callq.bench.env.Provenance;
import dev.callq.bench.queueing.ConfidenceInterval;
import dev.callq.bench.queueing.PoolEstimate;
import dev.callq.bench.queueing.UslBootstrap;
import dev.callq.bench.queueing.UslFit;
import dev.callq.bench.result.SummaryJson;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Writes {@code plan.json} from a plan's outcomes and reads it back, both as a {@link PlanFile}. */
public final class PlanJson {
    public static final String FILE_NAME = "plan.json";
    /** 2 added the load, the Redis round trip, the worker interval, the validation summary and the agreement. */
    public static final int SCHEMA = 2;
    private static final double P99 = 0.99;

    private PlanJson() {
    }

    public static Path write(PlanSettings settings, List<PlanOutcome> outcomes, double loadAverage, int cpus) {
        PlanFile plan = new PlanFile(SCHEMA, settings.ratePerSec(),
                new PlanFile.Objective(settings.slo().toString(), settings.slo().percentile(),
                        settings.slo().waitTargetMicros()),
                settings.serviceTimeSpec(), "poisson", settings.sipLoad() ? "sip" : "synthetic",
                settings.redisRtt().toNanos() / 1_000, settings.redisRttJitter().toNanos() / 1_000,
                new PlanFile.Environment(cpus, loadAverage),
                outcomes.stream().map(outcome -> client(settings, outcome)).toList(), Provenance.current());
        Path file = settings.outDir().resolve(FILE_NAME);
        try {
            SummaryJson.mapper().writeValue(file.toFile(), plan);
            return file;
        } catch (IOException e) {
            throw new HarnessException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads {@code dir}/plan.json back; fields a later version adds are ignored, a schema this callq does not
     * know is refused, and a schema 1 file reads with what it held.
     */
    public static PlanFile read(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        PlanFile plan = SummaryJson.read(dir, FILE_NAME, PlanFile.class);
        if (plan.schema() < 1 || plan.schema() > SCHEMA) {
            throw new HarnessException(file + " has schema " + plan.schema() + "; this callq reads schemas 1 to "
                    + SCHEMA);
        }
        return plan;
    }

    private static PlanFile.Client client(PlanSettings settings, PlanOutcome outcome) {
        ClientPlan plan = outcome.plan();
        return new PlanFile.Client(plan.client(), plan.recommendedWorkers(), workerInterval(outcome), plan.feasible(),
                plan.limits(), plan.holding().meanMicros(), plan.holding(), erlangC(plan),
                usl(outcome.measurement(), plan), plan.redisCeilingPerSec(),
                settings.sipLoad() ? KamailioWorkers.of(settings.ratePerSec(), plan.holding().popRoundTripMicros()) : null,
                outcome.validation(), outcome.validationSummaries(),
                outcome.agreement().map(a -> new PlanFile.Agreement(a.agree(), a.modelWorkers(),
                        a.measuredWorkers().isPresent() ? a.measuredWorkers().getAsInt() : null, a.text())).orElse(null),
                outcome.measurement().runs());
    }

    private static PlanFile.ErlangC erlangC(ClientPlan plan) {
        PoolEstimate.Stable recommended = plan.sizing().recommended();
        PoolEstimate.Stable atP99 = (PoolEstimate.Stable) plan.estimate(recommended.workers(), P99);
        return new PlanFile.ErlangC(recommended.offeredLoadErlangs(), recommended.utilisation(),
                recommended.probabilityOfWaiting(), atP99.percentileWaitMicros(), recommended.percentileWaitMicros(),
                recommended.meanWaitMicros(), plan.model().correctionFactor(),
                plan.sizing().oneFewer().map(PlanJson::estimate).orElse(null));
    }

    private static PlanFile.Estimate estimate(PoolEstimate estimate) {
        if (estimate instanceof PoolEstimate.Stable s) {
            return new PlanFile.Estimate(s.workers(), s.offeredLoadErlangs(), s.utilisation(), s.probabilityOfWaiting(),
                    s.meanWaitMicros(), s.percentile(), s.percentileWaitMicros(), true);
        }
        return new PlanFile.Estimate(estimate.workers(), estimate.offeredLoadErlangs(), null, null, null, null, null,
                false);
    }

    private static PlanFile.Usl usl(ClientMeasurement measurement, ClientPlan plan) {
        List<PlanFile.Point> points = measurement.saturated().stream()
                .map(p -> new PlanFile.Point((int) p.concurrency(), p.throughputPerSec())).toList();
        PlanFile.UslIntervals intervals = plan.uslIntervals().map(PlanJson::intervals).orElse(null);
        Optional<UslFit> fitted = plan.usl();
        if (fitted.isEmpty()) {
            return new PlanFile.Usl(null, null, null, null, null, null, null, intervals, points);
        }
        UslFit fit = fitted.get();
        return new PlanFile.Usl(fit.sigma(), fit.kappa(), fit.lambda(), fit.rSquared(),
                fit.peakWorkers().isPresent() ? fit.peakWorkers().getAsDouble() : null,
                fit.peakThroughput().isPresent() ? fit.peakThroughput().getAsDouble() : null,
                finite(fit.amdahlLimit()), intervals, points);
    }

    private static PlanFile.WorkerInterval workerInterval(PlanOutcome outcome) {
        WorkerCountInterval interval = outcome.workerInterval();
        return new PlanFile.WorkerInterval(interval.workers(), interval.low(), interval.high(), interval.confidence(),
                interval.resamples(), UslBootstrap.SEED, outcome.measurement().holdingSamples().workCount(),
                outcome.measurement().holdingSamples().repeats(), bounds(interval.holdingMicros()),
                interval.headline(), interval.chances());
    }

    private static PlanFile.UslIntervals intervals(UslBootstrap usl) {
        return new PlanFile.UslIntervals(usl.confidence(), usl.resamples(), usl.failedResamples(),
                usl.method().name().toLowerCase(Locale.ROOT), UslBootstrap.SEED, bounds(usl.sigma()),
                bounds(usl.kappa()), bounds(usl.lambda()), bounds(usl.peakWorkers()), bounds(usl.highestThroughput()),
                bounds(usl.amdahlLimit()));
    }

    private static PlanFile.Bounds bounds(ConfidenceInterval interval) {
        return new PlanFile.Bounds(finite(interval.low()), finite(interval.high()));
    }

    /** An unbounded figure (no peak, σ = 0) is written as null: JSON has no infinity. */
    private static Double finite(double value) {
        return Double.isInfinite(value) ? null : value;
    }
}
