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
 * @param popLossAccepted true when a client timeout at or below the pop timeout was asked for on purpose, to
 *                      show what it loses; false refuses such a consumer
 * @param library       the library's own settings from a client settings file (empty: the driver's defaults)
 */
public record ClientSettings(RedisEndpoint endpoint, int respVersion, Duration clientTimeout,
                             boolean popLossAccepted, LibrarySettings library) {
    public ClientSettings {
        if (respVersion != 2 && respVersion != 3) {
            throw new IllegalArgumentException("RESP version must be 2 or 3, not " + respVersion);
        }
    }

    /** Settings that refuse a client timeout at or below the pop timeout, with the driver's defaults. */
    public ClientSettings(RedisEndpoint endpoint, int respVersion, Duration clientTimeout) {
        this(endpoint, respVersion, clientTimeout, false, LibrarySettings.DEFAULTS);
    }

    /** The same settings with a client settings file's library settings. */
    public ClientSettings with(LibrarySettings settings) {
        return new ClientSettings(endpoint, respVersion, clientTimeout, popLossAccepted, settings);
    }

    /**
     * Refuses a queue whose pop timeout the client timeout does not exceed: the client would give
     * up on a pop the server still serves, and the element popped into it would be lost.
     */
    public void requireAbovePopTimeout(QueueSpec spec) {
        if (!popLossAccepted && !exceedsPopTimeout(spec)) {
            throw new HarnessException("client timeout " + clientTimeout.toMillis() + " ms must exceed the pop timeout "
                    + spec.popTimeout().toMillis() + " ms, or a timed-out pop can lose an event");
        }
    }

    /** False when a pop the client gives up on may still pop an event on the server, which is then lost. */
    public boolean exceedsPopTimeout(QueueSpec spec) {
        return clientTimeout.compareTo(spec.popTimeout()) > 0;
    }

    /** Client timeouts two seconds above the pop timeout. */
    public static ClientSettings forQueue(RedisEndpoint endpoint, int respVersion, QueueSpec spec) {
        return new ClientSettings(endpoint, respVersion, spec.popTimeout().plusSeconds(2));
    }
}
