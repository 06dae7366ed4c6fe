package dev.callq.bench.plan;

import dev.callq.bench.run.ClientResult;
import dev.callq.bench.run.ForkedRun;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
                    outcome.exitCode(), outcome.outDir().toString());
        }
    }

    Result run(Path outDir, PlanSettings settings) {
        List<String> args = new ArrayList<>(List.of("--client", client, "--load", "synthetic",
                "--workers", String.valueOf(workers),
                "--rate", String.format(Locale.ROOT, "%.0f", offeredRatePerSec),
                "--duration", String.valueOf(measuredSeconds), "--warmup", String.valueOf(warmupSeconds),
                "--service-time", serviceTimeSpec, "--work", "sleep", "--arrivals", arrivals,
                "--drain-timeout", String.valueOf(PlanSettings.DRAIN_TIMEOUT_SECONDS)));
        ForkedRun.Outcome outcome = ForkedRun.run(args, outDir, settings.forkTimeout(warmupSeconds, measuredSeconds));
        return new Result(outcome, outcome.summary().clients().get(0));
    }
}
