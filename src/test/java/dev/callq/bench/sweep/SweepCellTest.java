package dev.callq.bench.sweep;

import dev.callq.bench.netem.RoundTrip;
import dev.callq.bench.event.PayloadFormat;
import dev.callq.bench.options.RunOptions;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Expanding the axes into cells: how many, in what order, named for their parameters. */
class SweepCellTest {
    private static final SweepAxes AXES = new SweepAxes(List.of("jedis", "lettuce"), List.of("blpop"),
            List.of(1, 8), List.of("800/worker", "4000"), List.of("exp:2ms"), 2);

    @Test
    void oneCellPerCombinationAndRepeat() {
        List<SweepCell> cells = SweepCell.expand(AXES);

        assertThat(cells).hasSize(16).hasSize(AXES.cellCount());
        assertThat(cells).extracting(SweepCell::index).containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(1, 16).boxed().toList());
        assertThat(cells).extracting(SweepCell::name).doesNotHaveDuplicates();
    }

    @Test
    void clientsAlternateFastestAndRepeatsComeLast() {
        List<SweepCell> cells = SweepCell.expand(AXES);

        assertThat(cells.subList(0, 4)).extracting(SweepCell::name).containsExactly(
                "01-jedis-blpop-w1-r800pw-exp2ms-1", "02-lettuce-blpop-w1-r800pw-exp2ms-1",
                "03-jedis-blpop-w1-r4000-exp2ms-1", "04-lettuce-blpop-w1-r4000-exp2ms-1");
        assertThat(cells.subList(0, 8)).allMatch(cell -> cell.repeat() == 1);
        assertThat(cells.get(15).name()).isEqualTo("16-lettuce-blpop-w8-r4000-exp2ms-2");
    }

    @Test
    void aPerWorkerRateIsMultipliedByTheWorkers() {
        assertThat(new SweepCell(1, "jedis", "blpop", 8, "800/worker", "none", 1).offeredRate()).isEqualTo("6400");
        assertThat(new SweepCell(1, "jedis", "blpop", 3, "2.5/worker", "none", 1).offeredRate()).isEqualTo("7.5");
        assertThat(new SweepCell(1, "jedis", "blpop", 8, "ramp:1000-5000", "none", 1).offeredRate())
                .isEqualTo("ramp:1000-5000");
        assertThatThrownBy(() -> new SweepCell(1, "jedis", "blpop", 8, "fast/worker", "none", 1).offeredRate())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("<events/s>/worker");
    }

    @Test
    void runArgumentsCarryTheAxesPhasesAndOptions() {
        SweepSpec spec = new SweepSpec("s", "", new SweepPhases(0.5, 1, 10), "synthetic",
                java.util.Map.of("arrivals", "poisson"), AXES);

        SweepCell cell = new SweepCell(3, "lettuce", "batch", 3, "500/worker", "fixed:1ms", 1);
        List<String> args = cell.runArgs(spec);

        // the options that differ from their defaults, in the order RunOptions declares them
        assertThat(String.join(" ", args)).isEqualTo("--client lettuce --workers 3 --load synthetic --rate 1500 "
                + "--duration 1.0 --warmup 0.5 --pattern batch --service-time fixed:1ms --arrivals poisson "
                + "--drain-timeout 10");
        assertThat(cell.runOptions(spec).payload).as("the default").isEqualTo(PayloadFormat.JSON);
    }

    @Test
    void aSweepFilesRoundTripWithJitterReachesTheCell() {
        SweepSpec spec = SweepSpecParser.parse("name: s\nload: synthetic\noptions:\n  redis-rtt: 0.5ms~0.2ms\n");

        RunOptions cell = SweepCell.expand(spec.axes()).get(0).runOptions(spec);

        assertThat(cell.toArgs()).containsSubsequence("--redis-rtt", "500us~200us");
        assertThat(cell.toConfig(java.nio.file.Path.of("out")).redisRoundTrip())
                .isEqualTo(new RoundTrip(java.time.Duration.ofNanos(500_000), java.time.Duration.ofNanos(200_000)));
    }
}
