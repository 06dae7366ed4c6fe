package dev.callq.bench.shard;

import dev.callq.bench.HarnessException;
import dev.callq.bench.event.CallEvent;
import dev.callq.bench.event.EventKind;
import dev.callq.bench.measure.Accounting;
import dev.callq.bench.measure.EventSets;
import dev.callq.bench.result.ClientResult;
import dev.callq.bench.result.ShardPart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What callq merge adds up, on hand-made shard parts: the accounting across shards, and folders it refuses. */
class ShardMergeTest {
    private static final long START_MICROS = 1_765_000_000_000_000L;

    @TempDir
    Path dir;

    /**
     * Two producers of 100 events each; consumer 0 takes all of producer 0's and the first 10 of producer 1's,
     * consumer 1 the first 95 of producer 1's: 5 lost, 10 taken by both consumer shards.
     */
    @Test
    void theAccountingCountsEventsAcrossShardsByIdentity() {
        List<String> warnings = new ArrayList<>();
        List<ShardPart> producers = List.of(producer("0/2", keys("a", 1, 100), 100), producer("1/2", keys("b", 1, 100), 100));
        List<String> consumer0 = new ArrayList<>(keys("a", 1, 100));
        consumer0.addAll(keys("b", 1, 10));
        List<ShardPart> consumers = List.of(consumer("0/2", consumer0, 0), consumer("1/2", keys("b", 1, 95), 0));

        Accounting accounting = ShardMerge.accounting(producers, consumers, warnings);

        assertThat(accounting.expected()).isEqualTo(200);
        assertThat(accounting.consumed()).isEqualTo(205);
        assertThat(accounting.unique()).isEqualTo(195);
        assertThat(accounting.lost()).isEqualTo(5);
        assertThat(accounting.duplicates()).isEqualTo(10);
        assertThat(accounting.balanced()).isFalse();
        assertThat(warnings).containsExactly("10 events were taken by more than one consumer shard");
    }

    @Test
    void whatTheDrainLeftIsNotLost() {
        List<String> warnings = new ArrayList<>();
        Accounting accounting = ShardMerge.accounting(List.of(producer("0/1", keys("a", 1, 100), 100)),
                List.of(consumer("0/1", keys("a", 1, 97), 3)), warnings);

        assertThat(accounting.lost()).isZero();
        assertThat(accounting.leftInQueue()).isEqualTo(3);
        assertThat(warnings).isEmpty();
    }

    @Test
    void aProducerWhoseCountDisagreesWithItsSetIsNamed() {
        List<String> warnings = new ArrayList<>();
        ShardMerge.accounting(List.of(producer("0/1", keys("a", 1, 100), 101)),
                List.of(consumer("0/1", keys("a", 1, 100), 0)), warnings);

        assertThat(warnings).containsExactly("the producers counted 101 pushes but their sets hold 100");
    }

    /** Kamailio stamps with its host's clock, which no shard corrects: a sip-load shard's offset adds to the uncertainty. */
    @Test
    void aSipLoadShardsClockOffsetAddsToTheStampUncertainty() {
        ShardPart producer = withClock(producer("0/1", keys("a", 1, 1), 1), "producer", -300, 40);
        ShardPart sipLoad = withClock(producer, "sip-load", -300, 40);

        assertThat(ShardMerge.stampUncertaintyMicros(producer)).isEqualTo(40);
        assertThat(ShardMerge.stampUncertaintyMicros(sipLoad)).isEqualTo(340);
    }

    @Test
    void aFolderWithoutConsumerPartsIsRefusedInOneLine() throws Exception {
        write("producer-0", producer("0/1", keys("a", 1, 10), 10));

        assertThatThrownBy(() -> ShardMerge.merge(dir)).isInstanceOf(HarnessException.class)
                .hasMessage(dir.resolve("shards") + " holds 1 producer and 0 consumer parts; a merge needs at least one of each");
    }

    @Test
    void partsOfTwoDifferentRunsAreRefused() throws Exception {
        write("consumer-0", consumer("0/1", keys("a", 1, 10), 0));
        ShardPart other = producer("0/1", keys("a", 1, 10), 10);
        write("producer-0", new ShardPart(other.role(), other.shard(), other.client(), 0, 0, START_MICROS + 1_000_000,
                other.measureFromMicros(), other.measureEndMicros(), 0, null, null, null, null, null, null, null, null,
                null, null, Map.of(), other.producer(), other.events(), "", Map.of(), Map.of(), Map.of(), List.of(), null));

        assertThatThrownBy(() -> ShardMerge.merge(dir)).isInstanceOf(HarnessException.class)
                .hasMessageContaining("mixes runs");
    }

    @Test
    void aFolderWithoutShardsIsRefused() {
        assertThatThrownBy(() -> ShardMerge.merge(dir)).isInstanceOf(HarnessException.class)
                .hasMessageContaining("no shards/ folder in " + dir);
    }

    /** A shard that failed (its Redis silent while it drained, say) makes the merged run fail, named by its folder. */
    @Test
    void aShardsFailureIsTheMergedRunsFailure() {
        ShardPart failed = withWarnings(consumer("1/2", keys("a", 51, 100), 0), List.of("FAILED: Redis stopped "
                + "answering while the queue drained: Connection refused", "2 pops failed; first: x"));
        Map<ShardPart, Path> folders = new LinkedHashMap<>();
        folders.put(consumer("0/2", keys("a", 1, 50), 0), dir.resolve("shards/consumer-0"));
        folders.put(failed, dir.resolve("shards/consumer-1"));

        assertThat(ShardMerge.shardFailure(folders))
                .isEqualTo("consumer-1: Redis stopped answering while the queue drained: Connection refused");
        folders.remove(failed);
        assertThat(ShardMerge.shardFailure(folders)).isNull();
    }

    private static ShardPart withWarnings(ShardPart p, List<String> warnings) {
        return new ShardPart(p.role(), p.shard(), p.client(), p.clockOffsetMicros(), p.clockUncertaintyMicros(),
                p.startMicros(), p.measureFromMicros(), p.measureEndMicros(), p.lastDequeuedMicros(), p.hlog(),
                p.timeseries(), p.workers(), p.consumed(), p.malformed(), p.malformedSample(), p.leftInQueue(),
                p.warmupConsumed(), p.pollErrors(), p.maxBacklog(), p.nonPositive(), p.producer(), p.events(),
                p.phases(), p.config(), p.environment(), p.clientEnvironment(), warnings, p.calls());
    }

    private void write(String name, ShardPart part) throws Exception {
        part.write(Files.createDirectories(dir.resolve("shards").resolve(name)));
    }

    private static List<String> keys(String prefix, int from, int to) {
        return IntStream.rangeClosed(from, to)
                .mapToObj(i -> new CallEvent(prefix + "-call-" + i, EventKind.INVITE, CallEvent.NO_STAMP).uniqueKey())
                .toList();
    }

    private static ShardPart producer(String shard, List<String> pushed, long pushedCount) {
        ClientResult.Producer producer = new ClientResult.Producer(100, 100, 100, pushedCount, 0, true, null);
        return new ShardPart("producer", shard, "jedis", 0, 0, START_MICROS, START_MICROS + 2_000_000,
                START_MICROS + 7_000_000, 0, "jedis.hlog", null, null, null, null, null, null, null, null, null,
                Map.of(), producer, EventSets.ofUniqueKeys(pushed).encode(), "warm-up 2 s, measured 5 s", Map.of(),
                Map.of(), Map.of(), List.of(), null);
    }

    private static ShardPart consumer(String shard, List<String> taken, long leftInQueue) {
        return new ShardPart("consumer", shard, "jedis", 0, 0, START_MICROS, START_MICROS + 2_000_000,
                START_MICROS + 8_000_000, START_MICROS + 7_500_000, "jedis.hlog", "jedis-timeseries.csv", 2,
                (long) taken.size(), 0L, null, leftInQueue, 0L, 0L, 0L, Map.of(), null,
                EventSets.ofUniqueKeys(taken).encode(), "warm-up 2 s, measured 5 s", Map.of(), Map.of(), Map.of(),
                List.of(), null);
    }

    private static ShardPart withClock(ShardPart p, String role, long offsetMicros, long uncertaintyMicros) {
        return new ShardPart(role, p.shard(), p.client(), offsetMicros, uncertaintyMicros, p.startMicros(),
                p.measureFromMicros(), p.measureEndMicros(), p.lastDequeuedMicros(), p.hlog(), p.timeseries(),
                p.workers(), p.consumed(), p.malformed(), p.malformedSample(), p.leftInQueue(), p.warmupConsumed(),
                p.pollErrors(), p.maxBacklog(), p.nonPositive(), p.producer(), p.events(), p.phases(), p.config(),
                p.environment(), p.clientEnvironment(), p.warnings(), p.calls());
    }
}
