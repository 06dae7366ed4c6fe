package dev.callq.bench.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callq.bench.measure.IntervalLogReader;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.file.Path;

/** Reads a results folder the way a user's script would: summary.json and the raw interval logs. */
final class SummaryTree {
    private final Path dir;
    private final JsonNode summary;

    SummaryTree(Path dir) throws IOException {
        this.dir = dir;
        this.summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    }

    JsonNode summary() {
        return summary;
    }

    JsonNode client(String name) {
        for (JsonNode client : summary.get("clients")) {
            if (client.get("client").asText().equals(name)) {
                return client;
            }
        }
        throw new AssertionError("no client " + name + " in " + summary);
    }

    /** One tag of a client's .hlog, summed from the raw intervals. */
    Histogram hlog(String client, String tag) {
        return IntervalLogReader.cumulative(dir.resolve(client(client).get("hlog").asText()), tag);
    }

    /** Samples of one tag in a client's .hlog, counted from the raw intervals. */
    long hlogCount(String client, String tag) {
        return IntervalLogReader.cumulative(dir.resolve(client(client).get("hlog").asText()), tag).getTotalCount();
    }
}
