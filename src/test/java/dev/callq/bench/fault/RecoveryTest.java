package dev.callq.bench.fault;

import dev.callq.bench.result.FaultRecord;
import dev.callq.bench.result.Timeseries;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recovery on hand-made time series at 1,000 events/s: a fault from second 105.0 to 108.0 (a row covers the
 * second that ends at its epochSecond), a steady backlog of 10 before it, so "back" means at most
 * max(2 × 10, 100 ms × 1,000/s) = 100 events for 2 seconds in a row, with events consumed since the fault.
 */
class RecoveryTest {
    private static final FaultRecord PAUSE = new FaultRecord("redis-pause:3s@5s", 105_000_000, 108_000_000, null,
            null, null, null);

    @Test
    void recoveredFromTheStartOfTheFirstOfTwoSteadySecondsAfterTheFaultEnded() {
        List<Timeseries.Second> rows = before();
        rows.add(row(106, 0, 1_000, 400_000));
        rows.add(row(107, 0, 2_000, 600_000));
        rows.add(row(108, 0, 3_000, 700_000));
        rows.add(row(109, 2_500, 1_500, 900_000));  // draining: still above 100
        rows.add(row(110, 2_400, 100, 300_000));    // steady (at the threshold) ...
        rows.add(row(111, 1_000, 40, 2_000));       // ... and again: steady from 109.0, the start of row 110's second

        FaultRecord recovered = Recovery.of(rows, PAUSE, 1_000);

        assertThat(recovered.recoverySeconds()).isEqualTo(1.0);
        assertThat(recovered.maxP99DuringMicros()).as("the worst p99 from the fault's start to the recovery")
                .isEqualTo(900_000L);
        assertThat(recovered.spec()).isEqualTo(PAUSE.spec());
    }

    @Test
    void oneSteadySecondIsNotARecovery() {
        List<Timeseries.Second> rows = before();
        rows.add(row(109, 2_000, 50, 800_000));
        rows.add(row(110, 1_000, 500, 200_000));
        rows.add(row(111, 1_000, 60, 2_000));
        rows.add(row(112, 1_000, 30, 2_000));

        // steady in the rows of 111 and 112, the seconds from 110.0 on: 2 s after the fault ended at 108.0
        assertThat(Recovery.of(rows, PAUSE, 1_000).recoverySeconds()).isEqualTo(2.0);
    }

    @Test
    void aBacklogThatStaysHighUntilTheRunEndsNeverRecovered() {
        List<Timeseries.Second> rows = before();
        for (long second = 106; second <= 115; second++) {
            rows.add(row(second, 900, 5_000 + second, 1_000_000));
        }

        FaultRecord never = Recovery.of(rows, PAUSE, 1_000);

        assertThat(never.recoverySeconds()).as("not within the run").isNull();
        assertThat(never.maxP99DuringMicros()).isEqualTo(1_000_000L);
        assertThat(FaultRecord.recoveryText(never.recoverySeconds())).isEqualTo(FaultRecord.NOT_RECOVERED);
    }

    /** An empty queue nobody consumes from is not a pipeline that got over its fault. */
    @Test
    void anEmptyQueueWithNothingConsumedAfterTheFaultIsNotARecovery() {
        List<Timeseries.Second> rows = before();
        for (long second = 109; second <= 115; second++) {
            rows.add(row(second, 0, 0, 0));
        }

        assertThat(Recovery.of(rows, PAUSE, 1_000).recoverySeconds()).isNull();
    }

    @Test
    void aFaultThatNeverStartedIsLeftAsItIs() {
        FaultRecord notStarted = new FaultRecord("redis-pause:3s@50s", 0, 0, null, "the run ended first", null, null);

        assertThat(Recovery.of(before(), notStarted, 1_000)).isSameAs(notStarted);
    }

    /** Seconds 101–105 at 1,000 events/s with a backlog of 10: the p90 the threshold is made from. */
    private static List<Timeseries.Second> before() {
        List<Timeseries.Second> rows = new ArrayList<>();
        for (long second = 101; second <= 105; second++) {
            rows.add(row(second, 1_000, 10, 1_500));
        }
        return rows;
    }

    private static Timeseries.Second row(long epochSecond, double consumedPerSec, long backlog, long p99Micros) {
        return new Timeseries.Second(epochSecond, consumedPerSec, backlog, p99Micros);
    }
}
