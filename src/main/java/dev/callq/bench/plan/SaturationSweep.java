package dev.callq.bench.plan;

import dev.callq.bench.driver.ClientChoice;
import dev.callq.bench.measure.IntervalLogReader;
import dev.callq.bench.measure.Metric;
import dev.callq.bench.queueing.HoldingTime;
import dev.callq.bench.queueing.UslFit;
import dev.callq.bench.work.ServiceTime;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measures one client with its pool saturated: offered a rate above anything N workers could do, a
 * worker never waits for an event, so the consumed rate is the capacity X(N). Each worker count runs
 * {@code sweepRepeats} times, round by round (every count once, then again), so a machine that gets
 * busier halfway spreads over all counts instead of bending the curve. One more run with no work and
 * many workers finds the rate Redis itself tops out at.
 */
public final class SaturationSweep {
    private final PlanSettings settings;
    private final PrintStream progress;

    public SaturationSweep(PlanSettings settings, PrintStream progress) {
        this.settings = settings;
        this.progress = progress;
    }

    public ClientMeasurement measure(String client) {
        double workMeanMicros = ServiceTime.parse(settings.serviceTimeSpec()).meanMicros();
        int lowestWorkers = settings.sweepWorkerCounts().get(0);
        List<UslFit.Point> points = new ArrayList<>();
        List<RunEvidence> runs = new ArrayList<>();
        Histogram lowestWork = null;
        List<Double> popRoundTrips = new ArrayList<>();
        for (int repeat = 1; repeat <= settings.sweepRepeats(); repeat++) {
            for (int workers : settings.sweepWorkerCounts()) {
                double offered = settings.saturationOverload() * workers * 1e6 / workMeanMicros;
                String name = "saturated-" + workers + "w" + (settings.sweepRepeats() > 1 ? "-" + repeat : "");
                ForkedCell.Result result = new ForkedCell(client, workers, offered, settings.serviceTimeSpec(),
                        "constant", settings.sweepWarmupSeconds(), settings.sweepSeconds())
                        .run(cellDir(client, name), settings);
                double throughput = result.client().throughputPerSec();
                progress.printf(Locale.ROOT, "  %s saturated, %2d workers%s: offered %.0f/s, consumed %.1f events/s%n",
                        client, workers, settings.sweepRepeats() > 1 ? " (repeat " + repeat + ")" : "", offered,
                        throughput);
                UslFit.Point point = new UslFit.Point(workers, throughput);
                points.add(point);
                runs.add(result.evidence("saturated", offered));
                if (workers == lowestWorkers) {
                    Histogram work = IntervalLogReader.cumulative(result.hlog(), Metric.SERVICE_TIME.tag());
                    popRoundTrips.add(CapacityPlanner.holdingMicros(point) - work.getMean());
                    if (lowestWork == null) {
                        lowestWork = work;
                    } else {
                        lowestWork.add(work);
                    }
                }
            }
        }
        double holdingMicros = CapacityPlanner.holdingMicrosFromSaturatedRuns(points);
        HoldingTime holding = HoldingTime.of(holdingMicros, lowestWork.getMean(), lowestWork.getStdDeviation());
        RunEvidence ceiling = measureCeiling(client);
        runs.add(ceiling);
        return new ClientMeasurement(client, List.copyOf(points), holding,
                HoldingSamples.of(lowestWork, popRoundTrips), ceiling.throughputPerSec(), List.copyOf(runs));
    }

    private RunEvidence measureCeiling(String client) {
        ForkedCell.Result result = new ForkedCell(client, settings.ceilingWorkers(), settings.ceilingRatePerSec(),
                "none", "constant", Math.min(1.0, settings.sweepWarmupSeconds()), settings.ceilingSeconds())
                .run(cellDir(client, "redis-ceiling"), settings);
        progress.printf(Locale.ROOT, "  %s no work, %d workers: offered %.0f/s, consumed %.1f events/s%n",
                client, settings.ceilingWorkers(), settings.ceilingRatePerSec(), result.client().throughputPerSec());
        return result.evidence("redisCeiling", settings.ceilingRatePerSec());
    }

    private Path cellDir(String client, String name) {
        return settings.outDir().resolve("runs").resolve(ClientChoice.labelOf(client).replace(':', '-') + "-" + name);
    }
}
