package dev.callq.bench.work;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** A seed replays its draws; without one each run draws its own; arrivals, work and shards draw apart. */
class RandomDrawsTest {
    @Test
    void theSameSeedReplaysTheSameArrivalsAndWorkAndAnotherDoesNot() {
        RandomDraws seven = RandomDraws.of(7L);

        assertThat(seven.seed()).isEqualTo(7);
        assertThat(firstLongs(seven.arrivals())).containsExactly(firstLongs(RandomDraws.of(7L).arrivals()));
        assertThat(firstLongs(seven.work())).containsExactly(firstLongs(RandomDraws.of(7L).work()));
        assertThat(firstLongs(seven.arrivals())).doesNotContain(firstLongs(RandomDraws.of(8L).arrivals()));
        assertThat(firstLongs(seven.work())).doesNotContain(firstLongs(seven.arrivals()));
    }

    @Test
    void aRunWithoutASeedDrawsANewOneAndEachShardItsOwn() {
        assertThat(LongStream.range(0, 20).map(i -> RandomDraws.of(null).seed()).distinct().count()).isEqualTo(20);
        assertThat(RandomDraws.of(null).seed()).isNotNegative();
        RandomDraws run = RandomDraws.of(7L);
        assertThat(run.forShard(0).seed()).isEqualTo(RandomDraws.of(7L).forShard(0).seed())
                .isNotEqualTo(run.forShard(1).seed()).isNotEqualTo(run.seed());
    }

    /** Each lane (or worker) splits a stream of its own off the same root, in order. */
    @Test
    void splitsFromOneRootDifferAndReplay() {
        SplittableRandom root = RandomDraws.of(7L).arrivals();
        SplittableRandom again = RandomDraws.of(7L).arrivals();
        long[] lane0 = firstLongs(root.split());
        long[] lane1 = firstLongs(root.split());

        assertThat(lane0).doesNotContain(lane1);
        assertThat(firstLongs(again.split())).containsExactly(lane0);
        assertThat(firstLongs(again.split())).containsExactly(lane1);
    }

    private static long[] firstLongs(SplittableRandom random) {
        return LongStream.range(0, 5).map(i -> random.nextLong()).toArray();
    }
}
