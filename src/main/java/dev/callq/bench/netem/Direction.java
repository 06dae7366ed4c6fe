package dev.callq.bench.netem;

/** Which way bytes cross the proxy: from a party to Redis, or from Redis back to it. */
public enum Direction {
    TO_UPSTREAM("to Redis"),
    FROM_UPSTREAM("from Redis");

    private final String description;

    Direction(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
