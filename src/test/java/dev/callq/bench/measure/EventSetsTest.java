package dev.callq.bench.measure;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-shard event sets: written compactly, read back whole, united across shards. */
class EventSetsTest {
    @Test
    void twoConsumerShardsThatTookTheSameEventShowOneDuplicateInTheUnion() {
        EventSets first = EventSets.ofUniqueKeys(List.of(key("syn-p0-0-1"), key("syn-p0-0-2"), key("syn-p1-0-7")));
        EventSets second = EventSets.ofUniqueKeys(List.of(key("syn-p0-0-2"), key("syn-p0-1-3"), key("no-number")));

        EventSets union = new EventSets();
        union.addAll(EventSets.decode(first.encode()));
        union.addAll(EventSets.decode(second.encode()));

        assertThat(first.size() + second.size() - union.size()).isEqualTo(1);
        assertThat(union.size()).isEqualTo(5);
    }

    @Test
    void whatAProducerPushedMatchesWhatConsumersTookOfTheSameCallIds() {
        SequenceIds pushed = new SequenceIds("syn-p2-", 2);
        pushed.add(1, 0, 1000);
        EventSets expected = EventSets.of(pushed);
        EventSets taken = EventSets.ofUniqueKeys(List.of(key("syn-p2-1-0"), key("syn-p2-1-999"), key("syn-p2-1-1000")));

        assertThat(EventSets.decode(expected.encode()).size()).isEqualTo(1000);
        assertThat(expected.sizeOfIntersection(taken)).isEqualTo(2);
    }

    private static String key(String callId) {
        return callId + '\u0000' + "INVITE";
    }
}
