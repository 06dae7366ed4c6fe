package dev.callq.bench.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

/** Writes {@code plan.json}; results/README.md documents its fields. */
public final class PlanJson {
    public static final String FILE_NAME = "plan.json";
    public static final int SCHEMA = 2;
    private static final double P99 = 0.99;

    private PlanJson() {
    }

    public static Path write(PlanSettings settings, List<PlanOutcome> outcomes, double loadAverage, int cpus) {
        ObjectMapper mapper = SummaryJson.mapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("rate", settings.ratePerSec());
        ObjectNode slo = root.putObject("slo");
        slo.put("text", settings.slo().toString());
        slo.put("percentile", settings.slo().percentile());
        slo.put("waitTargetMicros", settings.slo().waitTargetMicros());
        root.put("serviceTime", settings.serviceTimeSpec());
        root.put("arrivalsAssumed", "poisson");
        root.put("load", settings.sipLoad() ? "sip" : "synthetic");
        root.put("redisRttMicros", settings.redisRtt().toNanos() / 1_000);
        root.put("redisRttJitterMicros", settings.redisRttJitter().toNanos() / 1_000);
        ObjectNode environment = root.putObject("environment");
        environment.put("cpus", cpus);
        environment.put("loadAverageAtEnd", loadAverage);
        ArrayNode clients = root.putArray("clients");
        for (PlanOutcome outcome : outcomes) {
            clients.add(client(mapper, settings, outcome));
        }
        root.putPOJO("provenance", Provenance.current());
        Path file = settings.outDir().resolve(FILE_NAME);
        try {
            mapper.writeValue(file.toFile(), root);
            return file;
        } catch (IOException e) {
            throw new HarnessException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static ObjectNode client(ObjectMapper mapper, PlanSettings settings, PlanOutcome outcome) {
        ClientPlan plan = outcome.plan();
        ObjectNode node = mapper.createObjectNode();
        node.put("client", plan.client());
        node.put("recommendedWorkers", plan.recommendedWorkers());
        node.set("workerInterval", workerInterval(mapper, outcome));
        node.put("feasible", plan.feasible());
        node.set("limits", mapper.valueToTree(plan.limits()));
        node.put("holdingTimeMicros", plan.holding().meanMicros());
        node.set("holdingTime", mapper.valueToTree(plan.holding()));
        node.set("erlangC", erlangC(mapper, plan));
        node.set("usl", usl(mapper, outcome.measurement(), plan));
        node.put("redisCeilingPerSec", plan.redisCeilingPerSec());
        if (settings.sipLoad()) {
            node.set("kamailioWorkers", mapper.valueToTree(KamailioWorkers.of(settings.ratePerSec(),
                    plan.holding().popRoundTripMicros())));
        }
        node.set("validation", mapper.valueToTree(outcome.validation()));
        node.set("validationSummary", mapper.valueToTree(outcome.validationSummaries()));
        outcome.agreement().ifPresentOrElse(agreement -> {
            ObjectNode agree = node.putObject("agreement");
            agree.put("agree", agreement.agree());
            agree.put("modelWorkers", agreement.modelWorkers());
            if (agreement.measuredWorkers().isPresent()) {
                agree.put("measuredWorkers", agreement.measuredWorkers().getAsInt());
            } else {
                agree.putNull("measuredWorkers");
            }
            agree.put("text", agreement.text());
        }, () -> node.putNull("agreement"));
        node.set("evidence", mapper.valueToTree(outcome.measurement().runs()));
        return node;
    }

    private static ObjectNode erlangC(ObjectMapper mapper, ClientPlan plan) {
        PoolEstimate.Stable recommended = plan.sizing().recommended();
        PoolEstimate.Stable atP99 = (PoolEstimate.Stable) plan.estimate(recommended.workers(), P99);
        ObjectNode node = mapper.createObjectNode();
        node.put("offeredLoadErlangs", recommended.offeredLoadErlangs());
        node.put("utilisation", recommended.utilisation());
        node.put("probabilityOfWaiting", recommended.probabilityOfWaiting());
        node.put("predictedP99WaitMicros", atP99.percentileWaitMicros());
        node.put("predictedSloWaitMicros", recommended.percentileWaitMicros());
        node.put("predictedMeanWaitMicros", recommended.meanWaitMicros());
        node.put("allenCunneenFactor", plan.model().correctionFactor());
        plan.sizing().oneFewer().ifPresent(fewer -> node.set("oneFewer", mapper.valueToTree(fewer)));
        return node;
    }

    private static ObjectNode usl(ObjectMapper mapper, ClientMeasurement measurement, ClientPlan plan) {
        ObjectNode node = mapper.createObjectNode();
        plan.usl().ifPresentOrElse(fit -> {
            node.put("sigma", fit.sigma());
            node.put("kappa", fit.kappa());
            node.put("lambda", fit.lambda());
            node.put("rSquared", fit.rSquared());
            if (fit.peakWorkers().isPresent()) {
                node.put("peakWorkers", fit.peakWorkers().getAsDouble());
                node.put("peakThroughput", fit.peakThroughput().getAsDouble());
            } else {
                node.putNull("peakWorkers");
                node.putNull("peakThroughput");
            }
            putFinite(node, "amdahlLimit", fit.amdahlLimit());
        }, () -> {
            for (String field : List.of("sigma", "kappa", "lambda", "rSquared", "peakWorkers", "peakThroughput",
                    "amdahlLimit")) {
                node.putNull(field);
            }
        });
        plan.uslIntervals().ifPresentOrElse(intervals -> node.set("intervals", intervals(mapper, intervals)),
                () -> node.putNull("intervals"));
        ArrayNode points = node.putArray("points");
        for (UslFit.Point point : measurement.saturated()) {
            points.addObject().put("workers", (int) point.concurrency()).put("throughputPerSec", point.throughputPerSec());
        }
        return node;
    }

    private static ObjectNode workerInterval(ObjectMapper mapper, PlanOutcome outcome) {
        WorkerCountInterval interval = outcome.workerInterval();
        ObjectNode node = mapper.createObjectNode();
        node.put("workers", interval.workers());
        node.put("low", interval.low());
        node.put("high", interval.high());
        node.put("confidence", interval.confidence());
        node.put("resamples", interval.resamples());
        node.put("seed", UslBootstrap.SEED);
        node.put("workDurations", outcome.measurement().holdingSamples().workCount());
        node.put("saturatedRepeats", outcome.measurement().holdingSamples().repeats());
        interval(node, "holdingTimeMicros", interval.holdingMicros());
        node.put("text", interval.headline());
        ArrayNode chances = node.putArray("sloChance");
        interval.chances().forEach(c -> chances.addObject().put("workers", c.workers()).put("probability", c.probability()));
        return node;
    }

    /** Each figure's interval as {low, high}; an unbounded end (no peak in some resamples) is null. */
    private static ObjectNode intervals(ObjectMapper mapper, UslBootstrap usl) {
        ObjectNode node = mapper.createObjectNode();
        node.put("confidence", usl.confidence());
        node.put("resamples", usl.resamples());
        node.put("failedResamples", usl.failedResamples());
        node.put("method", usl.method().name().toLowerCase(Locale.ROOT));
        node.put("seed", UslBootstrap.SEED);
        interval(node, "sigma", usl.sigma());
        interval(node, "kappa", usl.kappa());
        interval(node, "lambda", usl.lambda());
        interval(node, "peakWorkers", usl.peakWorkers());
        interval(node, "highestThroughput", usl.highestThroughput());
        interval(node, "amdahlLimit", usl.amdahlLimit());
        return node;
    }

    private static void interval(ObjectNode parent, String name, ConfidenceInterval interval) {
        ObjectNode node = parent.putObject(name);
        putFinite(node, "low", interval.low());
        putFinite(node, "high", interval.high());
    }

    private static void putFinite(ObjectNode node, String name, double value) {
        if (Double.isInfinite(value)) {
            node.putNull(name);
        } else {
            node.put(name, value);
        }
    }
}
