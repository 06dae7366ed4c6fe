package dev.callq.bench.maxrate;

import dev.callq.bench.HarnessException;
import dev.callq.bench.result.BacklogTrend;
import dev.callq.bench.result.ClientResult;
import dev.callq.bench.run.ForkedRun;
import dev.callq.bench.options.RunOptions;
import dev.callq.bench.sip.SessionMetrics;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A {@link Probe} that runs {@code callq run --rate R} in a fresh JVM, into {@code <dir>/probes/<n>},
 * and judges it with a {@link SustainedRateRule}. Each probe's measurements are kept as evidence.
 * A forked run that fails is a failed probe, except the first: then the environment is broken.
 */
public final class ForkedRateProbe implements Probe {
    /**
     * What one probe measured; null numbers when the forked run failed.
     *
     * @param sessionsAttempted   under SIP load, the INVITEs SIPp sent (RFC 6076's Total # of INVITE Requests);
     *                            null otherwise
     * @param sessionsEstablished under SIP load, those answered 200; null otherwise
     */
    public record Evidence(int number, long ratePerSec, String folder, int exitCode, boolean passed, String reason,
                    Long sloMeasuredMicros, Double backlogSlopePerSec, Long finalBacklog,
                    Double throughputPerSec, Double producerAchievedRatePerSec, Long producerLagP99Micros,
                    Long sessionsAttempted, Long sessionsEstablished) {
    }

    private final RunOptions fixedOptions;
    private final Path dir;
    private final Duration timeout;
    private final SustainedRateRule rule;
    private final int eventsPerRateUnit;
    private final Consumer<Evidence> onProbe;
    private final List<Evidence> evidence = new ArrayList<>();

    /**
     * @param fixedOptions      every probe's options but the rate
     * @param eventsPerRateUnit events one unit of the probed rate brings (events per call under SIP load)
     */
    ForkedRateProbe(RunOptions fixedOptions, Path dir, Duration timeout, SustainedRateRule rule,
                    int eventsPerRateUnit, Consumer<Evidence> onProbe) {
        this.fixedOptions = fixedOptions;
        this.dir = dir;
        this.timeout = timeout;
        this.rule = rule;
        this.eventsPerRateUnit = eventsPerRateUnit;
        this.onProbe = onProbe;
    }

    static RunOptions atRate(RunOptions fixedOptions, long ratePerSec) {
        RunOptions options = fixedOptions.copy();
        options.rate = Long.toString(ratePerSec);
        return options;
    }

    @Override
    public Verdict probe(long ratePerSec) {
        int number = evidence.size() + 1;
        String folder = "probes/" + number;
        Evidence record;
        try {
            ForkedRun.Outcome outcome = ForkedRun.run(atRate(fixedOptions, ratePerSec), dir.resolve(folder), timeout);
            ClientResult result = outcome.summary().clients().get(0);
            // As a run judges itself: the last second no more than what remained when the probe's phase ended.
            BacklogTrend sampled = BacklogTrend.read(outcome.outDir().resolve(result.timeseries()),
                    result.measuredSeconds());
            BacklogTrend backlog = result.drain() == null ? sampled
                    : sampled.endingAtMost(result.drain().events() + result.events().leftInQueue());
            SessionMetrics sessions = result.calls() == null ? null : result.calls().rfc6076();
            SustainedRateRule.Judgement judgement = rule.judge(ratePerSec, eventsPerRateUnit, result, backlog);
            record = new Evidence(number, ratePerSec, folder, outcome.exitCode(), judgement.passed(),
                    judgement.reason(), judgement.sloMeasuredMicros(), judgement.backlogSlopePerSec(),
                    judgement.finalBacklog(), result.throughputPerSec(),
                    result.producer() == null ? null : result.producer().achievedRate(),
                    result.producer() == null || result.producer().lagMicros() == null ? null
                            : result.producer().lagMicros().p99(),
                    sessions == null ? null : sessions.invites(), sessions == null ? null : sessions.invites200());
        } catch (HarnessException e) {
            if (number == 1) {
                throw e;
            }
            record = new Evidence(number, ratePerSec, folder, -1, false, "run failed: " + e.getMessage(),
                    null, null, null, null, null, null, null, null);
        }
        evidence.add(record);
        onProbe.accept(record);
        return record.passed() ? Verdict.pass() : Verdict.fail(record.reason());
    }

    List<Evidence> evidence() {
        return List.copyOf(evidence);
    }
}
