package dev.callq.bench.testkit;

/**
 * Keys for {@code @ResourceLock}: what test classes of the processes tier share beyond this JVM, so that two
 * classes holding the same key never run at once (docs/development.md, Tests).
 */
public final class SharedResources {
    /** The Docker engine (images, networks, containers by name) and the host's namespaces and iptables chains. */
    public static final String HOST_NETWORK = "docker, network namespaces, iptables";

    private SharedResources() {
    }
}
