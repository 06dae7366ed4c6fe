package dev.callq.bench.netem;

/**
 * What crossed a {@link NetworkProxy} since it started.
 *
 * @param connectionsAccepted  connections parties opened through the proxy
 * @param connectionsOpen      connections open now
 * @param connectionsReset     connections closed by {@link NetworkProxy#resetAll()}
 * @param bytesToUpstream      bytes forwarded to Redis
 * @param bytesFromUpstream    bytes forwarded from Redis to the parties
 */
public record ProxyCounters(long connectionsAccepted, int connectionsOpen, long connectionsReset,
                            long bytesToUpstream, long bytesFromUpstream) {
}
