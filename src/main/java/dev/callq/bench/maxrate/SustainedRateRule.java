package dev.callq.bench.maxrate;

import dev.callq.bench.measure.LatencySummary;
import dev.callq.bench.measure.Metric;
import dev.callq.bench.measure.Slo;
import dev.callq.bench.result.BacklogTrend;
import dev.callq.bench.result.ClientResult;
import dev.callq.bench.result.RunVerdict;
import dev.callq.bench.result.SustainedLoad;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * When a measured run sustained its offered rate. All must hold:
 * <ol>
 *   <li><b>Trustworthy</b> ({@link RunVerdict}): accounting balanced (nothing lost, duplicated, malformed or
 *       left in the queue) and the open-loop producer on its schedule; and there was a producer, otherwise
 *       the rate was never really offered. Under SIP load (rates in calls/s) instead: no call failed (no 5xx,
 *       408 or timeout).</li>
 *   <li><b>Latency</b>: the SLO's percentile of enqueue → dequeue is within its bound.</li>
 *   <li><b>Sustained</b>: the rule every run is judged by ({@link SustainedLoad}), at the probe's offered
 *       rate, the final backlog allowed the SLO's bound of arrivals when that is longer than its
 *       {@value SustainedLoad#MAX_FINAL_BACKLOG_SECONDS} s.</li>
 * </ol>
 */
public final class SustainedRateRule {

    private final Slo slo;

    /** Judges by {@code slo}, which must be a percentile a run's summary holds (one line otherwise). */
    public SustainedRateRule(Slo slo) {
        if (!slo.inLatencySummary()) {
            throw new IllegalArgumentException("--slo " + slo + " cannot judge a max-rate probe: a run's summary "
                    + "holds p50, p90, p99, p99.9 and p99.99 only");
        }
        this.slo = slo;
    }

    /** The objective whose percentile and bound the latency condition checks. */
    public Slo slo() {
        return slo;
    }

    /** The rule in one sentence, as {@code max-rate.json} records it. */
    public String description() {
        return "passes when accounting is balanced, the producer kept its schedule, " + slo
                + " on enqueue→dequeue, the events consumed during the measured phase ≥ "
                + SustainedLoad.MIN_CONSUMED_FRACTION + " × offered, the backlog's least-squares slope over the "
                + "measured seconds ≤ " + SustainedLoad.MAX_GROWTH_FRACTION + " × offered events per second, and the "
                + "last measured backlog ≤ offered events/s × max(" + SustainedLoad.MAX_FINAL_BACKLOG_SECONDS
                + " s, SLO bound); under SIP load also no failed call";
    }

    /** What one probe measured and the rule's verdict on it. */
    public record Judgement(boolean passed, List<String> failures, long sloMeasuredMicros,
                            double backlogSlopePerSec, long finalBacklog) {
        public String reason() {
            return String.join("; ", failures);
        }
    }

    /**
     * Latency counts from the intended send time, so a producer that was late (a stalled thread, a busy
     * machine) shows up in enqueue → dequeue although the queue was empty. Says so when the producer's
     * own lag p99 is at least half the measured percentile.
     */
    private static String producerShare(ClientResult result, long measuredMicros) {
        if (result.producer() == null || result.producer().lagMicros() == null) {
            return "";
        }
        long lagP99 = result.producer().lagMicros().p99();
        return 2 * lagP99 >= measuredMicros
                ? String.format(Locale.ROOT, " (producer lag p99 %d us: the producer was late, not the queue)", lagP99)
                : "";
    }

    /** Judges a probe whose rate is in events/s (synthetic load). */
    public Judgement judge(long offeredRatePerSec, ClientResult result, BacklogTrend backlog) {
        return judge(offeredRatePerSec, 1, result, backlog);
    }

    /**
     * Judges a probe offered {@code offeredRatePerSec}, each unit of which brings {@code eventsPerRateUnit}
     * events into the queue (under SIP load the rate is calls/s, and a call pushes one or two events): the
     * backlog's limits are in events.
     */
    public Judgement judge(long offeredRatePerSec, int eventsPerRateUnit, ClientResult result, BacklogTrend backlog) {
        double offeredEventsPerSec = (double) offeredRatePerSec * eventsPerRateUnit;
        List<String> failures = new ArrayList<>();
        // The run judged itself sustained or not with its own allowance; the probe judges again with the SLO's.
        failures.addAll(RunVerdict.of(result).withoutSustained().reasons());
        if (result.calls() != null) {
            // SIP load: the rate is calls/s, offered by SIPp; every call must succeed (a 5xx, a 408 or a
            // timeout is Kamailio or Redis not keeping up).
            if (result.calls().failed() > 0) {
                failures.add(result.calls().failed() + " of " + result.calls().attempted() + " calls failed: "
                        + result.calls().failureCauses());
            }
        } else if (result.producer() == null) {
            failures.add(String.format(Locale.ROOT, "no producer: %d/s was never offered", offeredRatePerSec));
        }
        LatencySummary wait = result.latencyMicros().get(Metric.ENQUEUE_TO_DEQUEUE.tag());
        long measured = slo.measuredMicros(wait);
        if (measured > slo.waitTargetMicros()) {
            failures.add(String.format(Locale.ROOT, "%s %d us > %.0f us", slo.label(), measured, slo.waitTargetMicros())
                    + producerShare(result, measured));
        }
        // The consumed rate is per second of the run's measured window, which under SIP load runs from the first
        // INVITE to the last event (longer than the probe's nominal duration): it is compared with what was
        // offered in that same window, as the run judged itself, not with the nominal rate.
        Double consumedPerSec = result.sustained() == null ? null : result.sustained().consumedDuringMeasurePerSec();
        double offeredInWindow = result.sustained() == null ? offeredEventsPerSec : result.sustained().offeredPerSec();
        SustainedLoad sustained = SustainedLoad.judge(offeredInWindow, consumedPerSec, backlog,
                slo.waitTargetMicros() / 1e6);
        failures.addAll(sustained.reasons());
        return new Judgement(failures.isEmpty(), failures, measured, sustained.backlogGrowthPerSecond(),
                sustained.finalBacklog());
    }
}
