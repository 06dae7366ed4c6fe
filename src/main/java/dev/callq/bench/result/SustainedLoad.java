package dev.callq.bench.result;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether the consumers kept up with the load offered during the measured phase: the one rule every
 * {@code callq run}, sweep and suite cell, shard merge and max-rate probe is judged by. An open-loop run
 * that falls behind measures the queue's growing wait, not the pipeline's latency at that rate, so a run
 * that did not sustain its load is not trustworthy ({@link RunVerdict}). Three conditions, all must hold:
 * <ol>
 *   <li><b>Consumed as fast as offered</b>: the events consumed during the measured phase, per second, are
 *       at least {@value #MIN_CONSUMED_FRACTION} of the events that entered the queue per second. The last
 *       events of the phase are still in the workers' hands when it ends: the margin absorbs them.</li>
 *   <li><b>Backlog not growing</b>: the least-squares slope of the backlog over the measured seconds is at
 *       most {@value #MAX_GROWTH_FRACTION} of the offered events per second. An overloaded queue grows by
 *       (offered − capacity) every second; a stable one hovers near empty. Judged from
 *       {@value #MIN_SECONDS_FOR_TREND} measured seconds on.</li>
 *   <li><b>Final backlog small</b>: the last measured second's backlog (no more than what remained when the
 *       phase ended: {@link BacklogTrend#endingAtMost}) is at most what arrives in
 *       {@value #MAX_FINAL_BACKLOG_SECONDS} s (or in a longer allowance the caller names: max-rate allows
 *       its SLO's bound). A snapshot of a stable queue stays far below 100 ms of arrivals.</li>
 * </ol>
 * A run with faults injected is not judged: a fault stalls the queue on purpose, and each fault's recovery
 * says whether it caught up.
 *
 * @param verdict                     {@value #SUSTAINED}, {@value #NOT_SUSTAINED} or {@value #NOT_JUDGED}
 * @param offeredPerSec               events that entered the queue per second of the measured phase
 * @param consumedDuringMeasurePerSec events consumed per second of the measured phase; null when unknown
 * @param backlogGrowthPerSecond      the backlog's least-squares slope over the measured seconds, events/s
 * @param finalBacklog                the backlog at the last measured second
 * @param reasons                     each condition that failed (or why it was not judged); empty when sustained
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SustainedLoad(String verdict, double offeredPerSec, Double consumedDuringMeasurePerSec,
                            double backlogGrowthPerSecond, long finalBacklog, List<String> reasons) {
    public static final String SUSTAINED = "sustained";
    public static final String NOT_SUSTAINED = "NOT SUSTAINED";
    public static final String NOT_JUDGED = "not judged";
    public static final double MIN_CONSUMED_FRACTION = 0.9;
    public static final double MAX_GROWTH_FRACTION = 0.01;
    public static final double MAX_FINAL_BACKLOG_SECONDS = 0.1;
    /**
     * The fewest per-second backlog samples whose slope is judged. Over two or three seconds the slope is the
     * difference of a few snapshots of a queue that fluctuates by itself (one worker at 80 % busy "grew" 3
     * events/s in 2 s and ended with 4 queued): shorter runs are judged by what they consumed and what they
     * left, which catch an overload as surely.
     */
    public static final int MIN_SECONDS_FOR_TREND = 5;

    public SustainedLoad {
        reasons = List.copyOf(reasons);
    }

    /**
     * Judges a measured phase.
     *
     * @param offeredEventsPerSec          events offered per second (what entered the queue, or a probe's rate in events)
     * @param consumedDuringMeasurePerSec  events consumed per second of the measured phase; null skips that condition
     * @param backlog                      the backlog of each measured second
     * @param finalBacklogAllowanceSeconds how many seconds of arrivals the final backlog may hold, at least
     *                                     {@value #MAX_FINAL_BACKLOG_SECONDS}
     */
    public static SustainedLoad judge(double offeredEventsPerSec, Double consumedDuringMeasurePerSec,
                                      BacklogTrend backlog, double finalBacklogAllowanceSeconds) {
        List<String> failures = new ArrayList<>();
        if (consumedDuringMeasurePerSec != null
                && consumedDuringMeasurePerSec < MIN_CONSUMED_FRACTION * offeredEventsPerSec) {
            failures.add(String.format(Locale.ROOT, "consumed %.0f events/s of %.0f offered during the measured phase",
                    consumedDuringMeasurePerSec, offeredEventsPerSec));
        }
        double slope = backlog.slopePerSec();
        if (backlog.backlogPerSecond().size() >= MIN_SECONDS_FOR_TREND && slope > MAX_GROWTH_FRACTION * offeredEventsPerSec) {
            failures.add(String.format(Locale.ROOT, "backlog grew %.0f events/s (limit %.0f)", slope,
                    MAX_GROWTH_FRACTION * offeredEventsPerSec));
        }
        double finalLimit = offeredEventsPerSec * Math.max(MAX_FINAL_BACKLOG_SECONDS, finalBacklogAllowanceSeconds);
        if (backlog.finalBacklog() > finalLimit) {
            failures.add(String.format(Locale.ROOT, "final backlog %d > %.0f", backlog.finalBacklog(), finalLimit));
        }
        return new SustainedLoad(failures.isEmpty() ? SUSTAINED : NOT_SUSTAINED, offeredEventsPerSec,
                consumedDuringMeasurePerSec, slope, backlog.finalBacklog(), failures);
    }

    /** The figures recorded, not judged: a fault stalled the queue on purpose. */
    public static SustainedLoad notJudged(String why, double offeredEventsPerSec, Double consumedDuringMeasurePerSec,
                                          BacklogTrend backlog) {
        return new SustainedLoad(NOT_JUDGED, offeredEventsPerSec, consumedDuringMeasurePerSec, backlog.slopePerSec(),
                backlog.finalBacklog(), List.of(why));
    }

    /** False only when judged and not sustained. */
    @JsonIgnore
    public boolean sustained() {
        return !NOT_SUSTAINED.equals(verdict);
    }

    /** {@code NOT SUSTAINED: offered 50000 events/s, consumed 5800/s during the measured phase, backlog grew …}. */
    public String line() {
        String consumed = consumedDuringMeasurePerSec == null ? ""
                : String.format(Locale.ROOT, ", consumed %.0f/s during the measured phase", consumedDuringMeasurePerSec);
        return String.format(Locale.ROOT, "%s: offered %.0f events/s%s, backlog grew %.0f events/s, final backlog %d",
                verdict, offeredPerSec, consumed, backlogGrowthPerSecond, finalBacklog);
    }
}
