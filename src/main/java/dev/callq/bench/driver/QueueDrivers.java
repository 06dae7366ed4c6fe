package dev.callq.bench.driver;

import dev.callq.bench.HarnessException;
import dev.callq.bench.driver.jedis.JedisQueueDriver;
import dev.callq.bench.driver.lettuce.LettuceQueueDriver;

import java.util.List;

/** The clients the harness can compare, by their command-line names. */
public final class QueueDrivers {
    public static final List<String> NAMES = List.of("jedis", "lettuce");

    private QueueDrivers() {
    }

    public static QueueDriver open(String name, ClientSettings settings) {
        return switch (name) {
            case "jedis" -> new JedisQueueDriver(settings);
            case "lettuce" -> new LettuceQueueDriver(settings);
            default -> throw new HarnessException("unknown client '" + name + "'; expected one of " + NAMES);
        };
    }
}
