package dev.callq.bench.run;

import dev.callq.bench.options.RunConfig;
import dev.callq.bench.env.RedisEndpoint;
import dev.callq.bench.env.RedisStalls;
import dev.callq.bench.load.Load;
import dev.callq.bench.load.LoadOutcome;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** A load whose measured phase runs against a Redis that stalls ({@code --redis-stall-ms}); the warm-up does not. */
final class StalledRedisLoad implements Load {
    private final Load load;
    private final RedisEndpoint redis;
    private final Duration stall;

    StalledRedisLoad(Load load, RedisEndpoint redis, Duration stall) {
        this.load = load;
        this.redis = redis;
        this.stall = stall;
    }

    @Override
    public void warmUp(Duration length, String callIdPrefix) {
        load.warmUp(length, callIdPrefix);
    }

    @Override
    public LoadOutcome measure() {
        try (RedisStalls stalls = RedisStalls.start(redis, stall, stall.plus(RunConfig.REDIS_UNSTALLED))) {
            return load.measure();
        }
    }

    @Override
    public boolean restartKamailio() {
        return load.restartKamailio();
    }

    @Override
    public void stop() {
        load.stop();
    }

    @Override
    public Map<String, BooleanSupplier> processes() {
        return load.processes();
    }

    @Override
    public Map<String, String> describe() {
        Map<String, String> environment = new LinkedHashMap<>(load.describe());
        environment.put("redisStalls", "writers paused " + stall.toMillis() + " ms, then served "
                + RunConfig.REDIS_UNSTALLED.toMillis() + " ms, over and over in the measured phase (CLIENT PAUSE WRITE)");
        return environment;
    }

    @Override
    public void close() {
        load.close();
    }
}
