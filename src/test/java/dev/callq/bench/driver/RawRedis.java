package dev.callq.bench.driver;

import dev.callq.bench.env.RedisEndpoint;
import dev.callq.bench.env.RespConnection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A connection that belongs to neither client under test (the harness's own {@link RespConnection}), so
 * the tests can clean up and ask the server what it sees (CLIENT LIST) without trusting the code they check.
 */
final class RawRedis implements AutoCloseable {
    private final RespConnection connection;

    RawRedis(RedisEndpoint endpoint) {
        connection = RespConnection.login(endpoint, Duration.ofSeconds(5));
    }

    /** Sends one command; returns a String, Long, List or null, and throws on an error reply. */
    Object call(String... args) {
        return connection.call(args);
    }

    /** Every CLIENT LIST line of the connections named {@code clientName}. */
    List<String> clientListLines(String clientName) {
        List<String> lines = new ArrayList<>();
        for (String line : ((String) call("CLIENT", "LIST")).split("\n")) {
            if (line.contains(" name=" + clientName + " ")) {
                lines.add(line.strip());
            }
        }
        return lines;
    }

    /** The CLIENT LIST line of the connection with this name, or null. */
    String clientListLine(String clientName) {
        List<String> lines = clientListLines(clientName);
        return lines.isEmpty() ? null : lines.get(0);
    }

    @Override
    public void close() {
        connection.close();
    }
}
