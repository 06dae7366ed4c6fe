package dev.callq.bench.load;

/**
 * How the synthetic producer kept its schedule.
 *
 * @param targetRate    the mean rate of the schedule, events/s
 * @param achievedRate  events pushed / time from the first intended send to the last push, events/s
 * @param pushed        events the producer pushed and Redis acknowledged
 * @param pushFailures  events in pipelines that failed (not expected; counted as unexpected if consumed)
 * @param keptSchedule  false when the achieved rate fell more than 1 % short of the target
 */
public record ProducerStats(double targetRate, double achievedRate, long pushed, long pushFailures,
                            boolean keptSchedule) {
    /** The achieved rate may fall short of the target by this fraction before the run says so. */
    public static final double SCHEDULE_TOLERANCE = 0.01;
}
