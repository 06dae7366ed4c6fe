package dev.callq.bench.run;

import dev.callq.bench.result.SustainedLoad;
import dev.callq.bench.result.ClientResult;
import dev.callq.bench.result.BacklogTrend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The measured phase's figures, judged one way for a local run and for a sharded run's merge: the throughput
 * over the measured phase alone (a drain after an overloaded phase runs without the producer beside it,
 * faster, and would raise the figure), the drain apart, and the sustained rule.
 *
 * @param seconds        the measured phase's length
 * @param expected       the events that entered the queue during it: offered is judged in events, so that a
 *                       SIP run, whose rate is in calls/s, is judged as a synthetic one
 * @param consumedPerSec events taken off the queue per second during it
 * @param drainedEvents  events taken after it
 * @param drainSeconds   from its end to the last dequeue
 */
public record MeasuredWindow(double seconds, long expected, double consumedPerSec, long drainedEvents, double drainSeconds) {
    /** Why a run with faults is not judged: the faults stalled its queue on purpose. */
    public static final String FAULTS_STALL = "faults stalled the queue on purpose: each fault's recovery says whether it "
            + "caught up";
    /** Why a run stopped before its measured phase is not judged. */
    static final String NOTHING_MEASURED = "nothing was measured: callq was stopped before the measured phase";

    /** A local run's window: what its ledger counted during the phase and after it. */
    static MeasuredWindow of(double seconds, long expected, long consumedDuring, long drainedEvents, double drainSeconds) {
        return new MeasuredWindow(seconds, expected, consumedDuring / Math.max(1e-6, seconds), drainedEvents,
                drainSeconds);
    }

    double offeredPerSec() {
        return expected / Math.max(1e-6, seconds);
    }

    public ClientResult.Drain drain() {
        return ClientResult.Drain.of(drainedEvents, drainSeconds);
    }

    /**
     * The sustained rule on this window, the backlog's trend read from the run's time series, its last second
     * no more than what remained when the window ended: the events drained after it and those the drain left.
     *
     * @param notJudgedBecause why the rule does not apply ({@link #FAULTS_STALL}, {@link #NOTHING_MEASURED}), or
     *                         null to judge
     * @param leftInQueue      events still in Redis after the drain
     */
    public SustainedLoad sustained(Path timeseries, String notJudgedBecause, long leftInQueue) {
        BacklogTrend backlog = (Files.exists(timeseries) ? BacklogTrend.read(timeseries, seconds)
                : new BacklogTrend(List.of())).endingAtMost(drainedEvents + leftInQueue);
        if (notJudgedBecause != null) {
            return SustainedLoad.notJudged(notJudgedBecause, offeredPerSec(), consumedPerSec, backlog);
        }
        return SustainedLoad.judge(offeredPerSec(), consumedPerSec, backlog, SustainedLoad.MAX_FINAL_BACKLOG_SECONDS);
    }
}
