package dev.callq.bench.result;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.callq.bench.HarnessException;
import dev.callq.bench.load.CallStats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One shard's part of a sharded run's results, {@code shards/<role>-<i>/part.json}, beside its own
 * {@code .hlog} and time series: what {@code callq merge} adds up. Times are on the Redis clock, in epoch µs.
 * Producer fields are null in a consumer's part and the other way round. Documented in results/README.md.
 *
 * @param clockOffsetMicros      this shard's clock's offset to the Redis server's (added to its readings)
 * @param clockUncertaintyMicros the offset is exact to within ± this
 * @param startMicros            the start instant all shards agreed on
 * @param measureFromMicros      the start of the measured phase: start + warm-up; interval k of the .hlog
 *                               covers second k from here
 * @param measureEndMicros       a producer's last send, or a consumer's end of draining
 * @param lastDequeuedMicros     a consumer's last measured dequeue
 * @param leftInQueue            a consumer's count of what the drain left; only shard 0 counts (they share one queue)
 * @param hlog                   this shard's interval log; null for a sip-load shard, which measures no latency
 * @param nonPositive            samples ≤ 0 per metric tag
 * @param events                 the events pushed (producer) or taken once or more (consumer), as
 *                               {@link dev.callq.bench.measure.EventSets#encode()} writes them
 * @param config                 the run's configuration, as summary.json holds it
 * @param calls                  a sip-load shard's SIP calls (SIPp's counts, Kamailio's pushes); null otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShardPart(String role, String shard, String client, long clockOffsetMicros, long clockUncertaintyMicros,
                        long startMicros, long measureFromMicros, long measureEndMicros, long lastDequeuedMicros,
                        String hlog, String timeseries, Integer workers, Long consumed, Long malformed,
                        String malformedSample, Long leftInQueue, Long warmupConsumed, Long pollErrors, Long maxBacklog,
                        Map<String, Long> nonPositive, ClientResult.Producer producer, Map<String, String> events,
                        String phases, Map<String, Object> config, Map<String, String> environment,
                        Map<String, String> clientEnvironment, List<String> warnings, CallStats calls) {
    public static final String FILE_NAME = "part.json";
    /** The folder under a sharded run's results folder where each shard writes its part. */
    public static final String SHARDS_FOLDER = "shards";

    /** A producer or a sip-load shard: what it put into the queue is what the consumers should take. */
    @JsonIgnore  // not a field of part.json (which has a "producer" of its own)
    public boolean isProducer() {
        return Role.PRODUCER.cliName().equals(role) || Role.SIP_LOAD.cliName().equals(role);
    }

    @JsonIgnore
    public boolean isSipLoad() {
        return Role.SIP_LOAD.cliName().equals(role);
    }

    public void write(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        try {
            SummaryJson.mapper().writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new HarnessException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public static ShardPart read(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new HarnessException("no " + FILE_NAME + " in " + dir + ": did that shard finish?");
        }
        try {
            return SummaryJson.mapper().readValue(file.toFile(), ShardPart.class);
        } catch (IOException e) {
            throw new HarnessException("cannot read " + file + ": " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }
}
