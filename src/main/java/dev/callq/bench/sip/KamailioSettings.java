package dev.callq.bench.sip;

import dev.callq.bench.event.PayloadFormat;

import dev.callq.bench.env.RedisEndpoint;

import java.util.Objects;
import java.util.regex.Pattern;

/** What the harness sets in Kamailio at start: where to push, under which key, in which format. */
public record KamailioSettings(RedisEndpoint redis, String listKey, PayloadFormat payloadFormat) {
    // The values reach the config through --substdef '!NAME!value!g': keep them free of the
    // delimiter, regex back-references and anything a Redis key or address does not need.
    private static final Pattern SAFE_VALUE = Pattern.compile("[A-Za-z0-9:._-]+");

    public KamailioSettings {
        Objects.requireNonNull(redis, "redis");
        Objects.requireNonNull(payloadFormat, "payloadFormat");
        requireSafe("list key", listKey);
        requireSafe("Redis host", redis.host());
    }

    private static void requireSafe(String what, String value) {
        if (value == null || !SAFE_VALUE.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must match " + SAFE_VALUE + ": " + value);
        }
    }
}
