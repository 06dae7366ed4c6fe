package dev.callq.bench.driver;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * One client as the driver contract sees it: how to open its driver, and where it may differ from the
 * others. Both parts of the contract, {@link QueueDriverContractTest} and {@link QueueDriverTimingContractTest},
 * take it from their subclass, so a client is described once.
 */
interface ClientUnderTest {
    /** The pop timeout of the tests unless a client's pops take coarser ones. */
    Duration SHORT_POP_TIMEOUT = Duration.ofMillis(300);

    /** Opens the client's driver. */
    QueueDriver open(ClientSettings settings);

    /** The Netty transport the driver must report, when the client has one. */
    Optional<String> expectedTransport();

    /** The pop timeout the tests use in {@code pattern}: short, unless the client's pops take coarser timeouts. */
    default Duration popTimeout(QueuePattern pattern) {
        return SHORT_POP_TIMEOUT;
    }

    /** The patterns the client can express; the tests of the others are skipped for it. */
    default Set<QueuePattern> supportedPatterns() {
        return EnumSet.allOf(QueuePattern.class);
    }

    /**
     * Whether each worker's connection has a name of its own ({@code callq-<client>-worker-<id>}) in
     * CLIENT LIST; a pooled client names every connection {@code callq-<client>-pool}.
     */
    default boolean namesEachConnection() {
        return true;
    }

    /** How long a pop against a server that stopped answering may take before it fails. */
    default Duration unansweredPopBound(Duration clientTimeout) {
        return clientTimeout;
    }
}
