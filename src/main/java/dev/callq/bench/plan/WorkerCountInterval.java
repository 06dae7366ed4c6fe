package dev.callq.bench.plan;

import dev.callq.bench.measure.Slo;
import dev.callq.bench.queueing.ConfidenceInterval;
import dev.callq.bench.queueing.UslBootstrap;
import dev.callq.bench.queueing.WaitModel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How sure the worker count is: the plan's model re-run on {@value UslBootstrap#RESAMPLES} bootstrap
 * replicates of what it was measured from ({@link HoldingSamples}), each giving its own S, Cs² and so
 * its own smallest pool. The interval is the percentile interval of those pools; the probability that
 * the objective holds at N, under the model, is the fraction of replicates whose pool is at most N
 * (the model's wait falls as N grows, so a replicate that needs at most N is met by N). The seed is
 * fixed, as for the USL. The interval is widened to include the plan's own N when the replicates'
 * percentiles miss it (a point estimate at the edge of a skewed spread).
 *
 * @param workers        the plan's own answer, from the point estimates
 * @param low            lower end of the interval, in workers
 * @param high           upper end of the interval, in workers
 * @param confidence     the interval's level (0.90)
 * @param resamples      how many replicates
 * @param holdingMicros  S's interval across the replicates
 * @param chances        for each N from low to high (and N when outside), the probability under the model
 */
public record WorkerCountInterval(int workers, int low, int high, double confidence, int resamples,
                                  ConfidenceInterval holdingMicros, List<Chance> chances) {

    /** P(objective holds at {@code workers}) under the model, over the replicates. */
    public record Chance(int workers, double probability) {
    }

    public static WorkerCountInterval of(int workers, double ratePerSec, Slo slo, HoldingSamples samples) {
        SplittableRandom random = new SplittableRandom(UslBootstrap.SEED);
        int resamples = UslBootstrap.RESAMPLES;
        double[] pools = new double[resamples];
        double[] holding = new double[resamples];
        for (int i = 0; i < resamples; i++) {
            HoldingSamples.Replicate replicate = samples.draw(random);
            holding[i] = replicate.holdingMicros();
            pools[i] = new WaitModel(ratePerSec, replicate.holdingMicros(), replicate.squaredCoefficientOfVariation())
                    .size(slo.percentile(), slo.waitTargetMicros()).workers();
        }
        ConfidenceInterval interval = ConfidenceInterval.ofReplicates(pools, UslBootstrap.CONFIDENCE);
        int low = Math.min(workers, (int) interval.low());
        int high = Math.max(workers, (int) interval.high());
        List<Chance> chances = new ArrayList<>();
        for (int n = Math.max(1, low - 1); n <= high + 1; n++) {
            int pool = n;
            chances.add(new Chance(n, Arrays.stream(pools).filter(p -> p <= pool).count() / (double) resamples));
        }
        return new WorkerCountInterval(workers, low, high, UslBootstrap.CONFIDENCE, resamples,
                ConfidenceInterval.ofReplicates(holding, UslBootstrap.CONFIDENCE), List.copyOf(chances));
    }

    /** P(objective holds at {@code n}) under the model; 0 below the chances listed, 1 above. */
    public double chance(int n) {
        for (Chance chance : chances) {
            if (chance.workers() == n) {
                return chance.probability();
            }
        }
        return n < chances.get(0).workers() ? 0.0 : 1.0;
    }

    /** "6 workers; 5–7 at 90 %", or "6 workers; 6 at 90 %" when every replicate agreed. */
    public String headline() {
        String range = low == high ? Integer.toString(low) : low + "–" + high;
        return String.format(Locale.ROOT, "%d workers; %s at %.0f %%", workers, range, confidence * 100);
    }
}
