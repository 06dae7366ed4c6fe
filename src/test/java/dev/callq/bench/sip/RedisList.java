package dev.callq.bench.sip;

import dev.callq.bench.env.RedisEndpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Reads a whole Redis list with redis-cli, independently of the client libraries under test. */
final class RedisList {
    private RedisList() {
    }

    static List<String> readAll(RedisEndpoint redis, String key) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("redis-cli", "-h", redis.host(), "-p", Integer.toString(redis.port()),
                "--raw", "LRANGE", key, "0", "-1")
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("redis-cli LRANGE failed: " + output);
        }
        return Arrays.stream(output.split("\n")).filter(line -> !line.isEmpty()).toList();
    }
}
