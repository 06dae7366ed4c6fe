package dev.callq.bench.measure;

import java.util.ArrayList;
import java.util.List;

/**
 * Event identities to be named in a file, kept up to {@link #CAP} of them; the total is counted beyond.
 * Not thread-safe.
 */
public final class CappedIds {
    /** The most identities a file names; a run that loses more says how many it left out. */
    public static final int CAP = 100_000;

    private final List<String> lines = new ArrayList<>();
    private long total;

    /** Adds a {@link dev.callq.bench.event.CallEvent#uniqueKey()}, named as "{@code <Call-ID> <kind>}". */
    public void add(String uniqueKey) {
        total++;
        if (lines.size() < CAP) {
            lines.add(uniqueKey.replace('\u0000', ' '));
        }
    }

    /** "{@code <Call-ID> <kind>}" lines, at most {@link #CAP}. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    public long total() {
        return total;
    }

    public boolean truncated() {
        return total > lines.size();
    }
}
