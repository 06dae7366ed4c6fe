package dev.callq.bench.env;

import java.util.List;
import java.util.Locale;

/**
 * How the Redis callq starts keeps its data across a restart ({@code --redis-persistence}): not at all,
 * in an append-only file synced once a second, or synced on every write. Its files go to the run folder.
 */
public enum RedisPersistence {
    NONE("no", "everysec"),
    AOF("yes", "everysec"),
    AOF_ALWAYS("yes", "always");

    private final String appendOnly;
    private final String appendFsync;

    RedisPersistence(String appendOnly, String appendFsync) {
        this.appendOnly = appendOnly;
        this.appendFsync = appendFsync;
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Reads {@code none}, {@code aof} or {@code aof-always}; anything else is a one-line error. */
    public static RedisPersistence parse(String text) {
        for (RedisPersistence persistence : values()) {
            if (persistence.cliName().equalsIgnoreCase(text.strip())) {
                return persistence;
            }
        }
        throw new IllegalArgumentException("--redis-persistence must be none, aof or aof-always, not '" + text + "'");
    }

    /** redis-server's arguments for it. RDB snapshots stay off: only the append-only file is measured. */
    List<String> serverArguments() {
        return List.of("--save", "", "--appendonly", appendOnly, "--appendfsync", appendFsync);
    }
}
