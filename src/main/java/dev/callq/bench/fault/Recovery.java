package dev.callq.bench.fault;

import dev.callq.bench.result.FaultRecord;
import dev.callq.bench.result.Timeseries;

import java.util.List;

/**
 * How long a run took to get over a fault, from its per-second time series. The steady level is the
 * backlog before the fault: back to it means at most max(2 × the pre-fault p90 backlog, the events of
 * 100 ms at the offered rate) for 2 seconds in a row, with events consumed since the fault ended.
 * Seconds are whole: a time-series row covers the second that ends at its epochSecond.
 */
public final class Recovery {
    static final int STEADY_SECONDS = 2;
    static final double BACKLOG_P90_FACTOR = 2;
    static final double RATE_ALLOWANCE_SECONDS = 0.1;

    private Recovery() {
    }

    /**
     * @param rows          the client's time series, one row a second
     * @param fault         the fault, with its start and end
     * @param ratePerSec    the offered events per second
     * @return the record with its recovery seconds (null when it never got back within the run) and the
     *         worst p99 from its start until then
     */
    public static FaultRecord of(List<Timeseries.Second> rows, FaultRecord fault, double ratePerSec) {
        if (fault.startedAtMicros() == 0) {
            return fault;
        }
        long startSecond = fault.startedAtMicros() / 1_000_000;
        double endSecond = fault.endedAtMicros() / 1e6;
        long[] before = rows.stream().filter(row -> row.epochSecond() <= startSecond)
                .mapToLong(Timeseries.Second::backlog).sorted().toArray();
        long p90 = before.length == 0 ? 0 : before[(int) Math.ceil(before.length * 0.9) - 1];
        double threshold = Math.max(p90 * BACKLOG_P90_FACTOR, ratePerSec * RATE_ALLOWANCE_SECONDS);
        long maxP99 = 0;
        boolean consumed = false;
        int steadyInARow = 0;
        Double recovered = null;
        for (Timeseries.Second row : rows) {
            // The row's second began at epochSecond - 1: it shows the fault if the fault started before its end.
            if (row.epochSecond() <= startSecond) {
                continue;
            }
            maxP99 = Math.max(maxP99, row.p99EnqueueToDequeueMicros());
            if (row.epochSecond() <= endSecond) {
                continue;
            }
            consumed |= row.consumedPerSec() > 0;
            steadyInARow = row.backlog() <= threshold ? steadyInARow + 1 : 0;
            if (consumed && steadyInARow >= STEADY_SECONDS) {
                long firstSteadySecondStart = row.epochSecond() - STEADY_SECONDS;
                recovered = Math.max(0, firstSteadySecondStart - endSecond);
                break;
            }
        }
        return fault.withRecovery(recovered == null ? null : Math.round(recovered * 10) / 10.0, maxP99);
    }
}
