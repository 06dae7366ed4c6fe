package dev.callq.bench.plan;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What the holding time S was measured from, kept so it can be resampled: every work duration the
 * saturated runs at the smallest pool recorded (their {@code serviceTime} histograms, added), and per
 * repeat of those runs the pop round trip, N / X(N) − that run's mean work.
 *
 * <p>A bootstrap replicate of S draws as many work durations as were recorded, with replacement, and
 * adds the mean of as many pop round trips drawn from the repeats: the work's own noise and the noise
 * of the saturated throughput between repeats, each from its measurement.
 */
public final class HoldingSamples {
    private final long[] workValuesMicros;
    /** Running total of the counts up to and including each value, for drawing by binary search. */
    private final long[] cumulativeCounts;
    private final double[] popRoundTripsMicros;

    private HoldingSamples(long[] workValuesMicros, long[] cumulativeCounts, double[] popRoundTripsMicros) {
        this.workValuesMicros = workValuesMicros;
        this.cumulativeCounts = cumulativeCounts;
        this.popRoundTripsMicros = popRoundTripsMicros;
    }

    /**
     * @param work                the work durations of the smallest pool's saturated runs, added
     * @param popRoundTripsMicros one pop round trip per repeat of those runs
     */
    public static HoldingSamples of(Histogram work, List<Double> popRoundTripsMicros) {
        if (work.getTotalCount() == 0 || popRoundTripsMicros.isEmpty()) {
            throw new IllegalArgumentException("no work durations or no saturated run to resample the holding time from");
        }
        List<long[]> buckets = new ArrayList<>();
        long total = 0;
        for (HistogramIterationValue value : work.recordedValues()) {
            total += value.getCountAtValueIteratedTo();
            buckets.add(new long[] {work.medianEquivalentValue(value.getValueIteratedTo()), total}); // as getMean() reads it
        }
        long[] values = buckets.stream().mapToLong(b -> b[0]).toArray();
        long[] cumulative = buckets.stream().mapToLong(b -> b[1]).toArray();
        return new HoldingSamples(values, cumulative,
                popRoundTripsMicros.stream().mapToDouble(Double::doubleValue).toArray());
    }

    public long workCount() {
        return cumulativeCounts[cumulativeCounts.length - 1];
    }

    public int repeats() {
        return popRoundTripsMicros.length;
    }

    /** One replicate: S and Cs² = Var(work)/S², as {@link dev.callq.bench.queueing.HoldingTime} defines them. */
    Replicate draw(SplittableRandom random) {
        long count = workCount();
        double sum = 0;
        double sumOfSquares = 0;
        for (long i = 0; i < count; i++) {
            double value = workValuesMicros[indexOf(random.nextLong(count))];
            sum += value;
            sumOfSquares += value * value;
        }
        double mean = sum / count;
        double variance = Math.max(0.0, sumOfSquares / count - mean * mean);
        double popRoundTrip = 0;
        for (int i = 0; i < popRoundTripsMicros.length; i++) {
            popRoundTrip += popRoundTripsMicros[random.nextInt(popRoundTripsMicros.length)];
        }
        double holding = mean + Math.max(0.0, popRoundTrip / popRoundTripsMicros.length);
        return new Replicate(holding, variance / (holding * holding));
    }

    record Replicate(double holdingMicros, double squaredCoefficientOfVariation) {
    }

    private int indexOf(long rank) {
        int found = Arrays.binarySearch(cumulativeCounts, rank + 1);
        return found >= 0 ? found : -found - 1;
    }
}
