package dev.callq.bench.work;

import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The seed of a run's random draws: the synthetic producer's Poisson gaps and the workers' random service
 * times. A run draws a new seed unless given one ({@code --seed}), so that repeats of a cell are independent
 * samples of the arrival and work processes: with one seed for every run, a sweep's repeats and a plan's
 * validation runs replayed the same arrivals and the same work, and their spread showed the machine's noise
 * alone, not how much a p99 over a few seconds of such a load varies. The same seed replays the same draws
 * (each lane's gaps, each worker's work; which worker takes which event is the queue's doing).
 */
public record RandomDraws(long seed) {
    /** The draws of a run given {@code seed} ({@code --seed}), or of a seed of its own when it is null. */
    public static RandomDraws of(Long seed) {
        return new RandomDraws(seed != null ? seed : ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    /** Where the producer's lanes split their gaps from, one {@link SplittableRandom#split()} per lane and phase. */
    public SplittableRandom arrivals() {
        return new SplittableRandom(seed);
    }

    /** Where the workers split their service times from, one split per worker. */
    public SplittableRandom work() {
        // SplittableRandom mixes its seed: the complement starts a stream unrelated to the arrivals'.
        return new SplittableRandom(~seed);
    }

    /** The draws of shard {@code index} of a sharded run: each shard's producer and workers draw their own. */
    public RandomDraws forShard(int index) {
        return new RandomDraws(new SplittableRandom(seed + index).nextLong() & Long.MAX_VALUE);
    }
}
