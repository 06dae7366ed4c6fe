package dev.callq.bench.result;

import java.util.Locale;

/**
 * What one {@code callq run} process does. {@code all} is a run on one host: load, queue and workers in
 * one process. The others are one shard of a run spread over several processes or hosts, which meet at a
 * barrier in Redis ({@code shard.ShardBarrier}) and each write their part of the results ({@link ShardPart}).
 */
public enum Role {
    ALL, PRODUCER, CONSUMER, SIP_LOAD;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Role parse(String text) {
        for (Role role : values()) {
            if (role.cliName().equalsIgnoreCase(text.strip())) {
                return role;
            }
        }
        throw new IllegalArgumentException("--role must be one of all, producer, consumer, sip-load, not '" + text + "'");
    }
}
