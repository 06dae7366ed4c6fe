package dev.callq.bench.plan;

import dev.callq.bench.load.SyntheticLoad;
import dev.callq.bench.netem.RoundTrip;
import dev.callq.bench.result.ClientResult;
import dev.callq.bench.run.ForkedRun;
import dev.callq.bench.load.LoadKind;
import dev.callq.bench.options.RunOptions;
import dev.callq.bench.work.ServiceTime;
import dev.callq.bench.work.Work;

import java.nio.file.Path;
import java.util.Locale;

/** One synthetic {@code callq run} of one client in a JVM of its own, as the plan needs it. */
final class ForkedCell {
    private final String client;
    private final int workers;
    private final double offeredRatePerSec;
    private final String serviceTimeSpec;
    private final String arrivals;
    private final double warmupSeconds;
    private final double measuredSeconds;

    ForkedCell(String client, int workers, double offeredRatePerSec, String serviceTimeSpec, String arrivals,
               double warmupSeconds, double measuredSeconds) {
        this.client = client;
        this.workers = workers;
        this.offeredRatePerSec = offeredRatePerSec;
        this.serviceTimeSpec = serviceTimeSpec;
        this.arrivals = arrivals;
        this.warmupSeconds = warmupSeconds;
        this.measuredSeconds = measuredSeconds;
    }

    /** The run's outcome and the one result of its client. */
    record Result(ForkedRun.Outcome outcome, ClientResult client) {
        Path hlog() {
            return outcome.outDir().resolve(client.hlog());
        }

        RunEvidence evidence(String purpose, double offeredRatePerSec) {
            return new RunEvidence(purpose, client.workers(), offeredRatePerSec, client.throughputPerSec(),
                    outcome.exitCode(), outcome.outDir().toString(),
                    client.cost() == null ? null : client.cost().jvmCpuMsPer1k());
        }
    }

    Result run(Path outDir, PlanSettings settings) {
        RunOptions options = RunOptions.defaults();
        options.client = client;
        options.load = LoadKind.SYNTHETIC;
        options.workers = workers;
        options.rate = String.format(Locale.ROOT, "%.0f", offeredRatePerSec);
        options.durationSeconds = measuredSeconds;
        options.warmupSeconds = warmupSeconds;
        options.serviceTime = ServiceTime.parse(serviceTimeSpec);
        options.workMode = Work.Mode.SLEEP;
        options.arrivals = RunOptions.parseEnum(SyntheticLoad.Arrivals.class, arrivals, "--arrivals");
        options.drainTimeoutSeconds = (long) PlanSettings.DRAIN_TIMEOUT_SECONDS;
        options.redisRtt = settings.redisRtt().isZero() ? null
                : new RoundTrip(settings.redisRtt(), settings.redisRttJitter());
        ForkedRun.Outcome outcome = ForkedRun.run(options, outDir, settings.forkTimeout(warmupSeconds, measuredSeconds));
        return new Result(outcome, outcome.summary().clients().get(0));
    }
}
