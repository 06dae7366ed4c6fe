package dev.callq.bench.measure;

import java.util.Set;
import java.util.function.Consumer;

/**
 * A set of event identities, each a {@link dev.callq.bench.event.CallEvent#uniqueKey()} (Call-ID and kind).
 * Implementations may be compact ({@link SequenceIds}: a range per producer lane) so that the set of a
 * long run's expected events costs little memory; {@link #forEach} then builds each key as it goes.
 */
public interface EventIds {
    long size();

    boolean contains(String uniqueKey);

    void forEach(Consumer<String> uniqueKeyAction);

    /** A set held as the keys themselves. */
    static EventIds of(Set<String> uniqueKeys) {
        Set<String> keys = Set.copyOf(uniqueKeys);
        return new EventIds() {
            @Override
            public long size() {
                return keys.size();
            }

            @Override
            public boolean contains(String uniqueKey) {
                return keys.contains(uniqueKey);
            }

            @Override
            public void forEach(Consumer<String> uniqueKeyAction) {
                keys.forEach(uniqueKeyAction);
            }
        };
    }

    static EventIds none() {
        return of(Set.of());
    }
}
