package dev.callq.bench.result;

import dev.callq.bench.result.Role;

/**
 * Which share of a role a process takes, as {@code --shard I/N} spells it: shard {@code index} of
 * {@code count}, counted from 0 (as Kubernetes' {@code JOB_COMPLETION_INDEX} is).
 */
public record Shard(int index, int count) {
    /** The whole role in one process. */
    public static final Shard WHOLE = new Shard(0, 1);

    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("--shard must be I/N with 0 ≤ I < N, not " + index + "/" + count);
        }
    }

    public static Shard parse(String text) {
        String[] parts = text.strip().split("/");
        try {
            if (parts.length == 2) {
                return new Shard(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
            }
        } catch (NumberFormatException e) {
            // the message below says what is expected
        }
        throw new IllegalArgumentException("--shard must be I/N with 0 ≤ I < N (e.g. 0/3), not '" + text + "'");
    }

    /** This shard's share of {@code total}: an equal part, the first {@code total % count} shards one more. */
    public int shareOf(int total) {
        return Math.toIntExact(shareOf((long) total));
    }

    /** As {@link #shareOf(int)}, for a count of calls. */
    public long shareOf(long total) {
        return total / count + (index < total % count ? 1 : 0);
    }

    /** The folder of this shard's part of the results, e.g. {@code producer-0}. */
    public String folderName(Role role) {
        return role.cliName() + "-" + index;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
