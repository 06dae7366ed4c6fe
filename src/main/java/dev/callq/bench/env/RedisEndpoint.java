package dev.callq.bench.env;

/** Where a Redis server listens. */
public record RedisEndpoint(String host, int port) {
    @Override
    public String toString() {
        return host + ":" + port;
    }
}
