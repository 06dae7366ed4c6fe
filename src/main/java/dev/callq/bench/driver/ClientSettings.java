package dev.callq.bench.driver;

import dev.callq.bench.HarnessException;
import dev.callq.bench.env.RedisEndpoint;

import java.time.Duration;

/**
 * Settings shared by every client under test, so that the comparison is fair.
 *
 * @param endpoint      the Redis server
 * @param respVersion   the protocol version both clients are pinned to (2 or 3); both would otherwise
 *                      negotiate RESP3 on their own
 * @param clientTimeout the client's command and socket timeout; it must exceed the pop timeout, or a
 *                      timed-out BLPOP can lose the element the server pops into the abandoned command
 * @param library       the library's own settings from a client settings file (empty: the driver's defaults)
 */
public record ClientSettings(RedisEndpoint endpoint, int respVersion, Duration clientTimeout, LibrarySettings library) {
    public ClientSettings {
        if (respVersion != 2 && respVersion != 3) {
            throw new IllegalArgumentException("RESP version must be 2 or 3, not " + respVersion);
        }
    }

    public ClientSettings(RedisEndpoint endpoint, int respVersion, Duration clientTimeout) {
        this(endpoint, respVersion, clientTimeout, LibrarySettings.DEFAULTS);
    }

    /** The same settings with a client settings file's library settings. */
    public ClientSettings with(LibrarySettings settings) {
        return new ClientSettings(endpoint, respVersion, clientTimeout, settings);
    }

    /**
     * Refuses a queue whose pop timeout the client timeout does not exceed: the client would give
     * up on a pop the server still serves, and the element popped into it would be lost.
     */
    public void requireAbovePopTimeout(QueueSpec spec) {
        if (clientTimeout.compareTo(spec.popTimeout()) <= 0) {
            throw new HarnessException("client timeout " + clientTimeout.toMillis() + " ms must exceed the pop timeout "
                    + spec.popTimeout().toMillis() + " ms, or a timed-out pop can lose an event");
        }
    }

    /** Client timeouts two seconds above the pop timeout. */
    public static ClientSettings forQueue(RedisEndpoint endpoint, int respVersion, QueueSpec spec) {
        return new ClientSettings(endpoint, respVersion, spec.popTimeout().plusSeconds(2));
    }
}
