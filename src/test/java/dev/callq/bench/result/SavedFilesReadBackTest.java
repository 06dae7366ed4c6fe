package dev.callq.bench.result;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callq.bench.maxrate.MaxRateJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static dev.callq.bench.testkit.Json.required;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Results files saved by earlier versions still read into the records that write them today, field for field.
 * Each file is read strictly (a field the record no longer has, because it was renamed or removed, fails
 * here instead of reading as 0), then written again from the record: every field and value the saved file
 * holds must come back. Fields added since a file was saved are allowed; they read as null or 0 from it.
 * {@code saved/run-schema1-79d2764/} holds a summary.json of this schema as a synthetic Jedis run wrote it at
 * that commit; the golden folders hold older ones, from before {@code provenance} and the producer's schedule were recorded.
 * {@code saved/sweep-schema1-b9a0563/} holds a sweep.json of two clients with and without a Redis pause, and
 * {@code saved/plan-schema2-b9a0563/} a validated plan.json (golden/plan's is schema 1), and
 * {@code saved/max-rate-sip-schema1-b9a0563/} a max-rate.json of a SIP search, with RFC 7501's rate.
 */
class SavedFilesReadBackTest {
    private static final ObjectMapper STRICT = SummaryJson.mapper().copy()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "saved/run-schema1-79d2764/summary.json, dev.callq.bench.result.RunSummary",
            "golden/synthetic-lettuce/summary.json, dev.callq.bench.result.RunSummary",
            "golden/sip-both/summary.json, dev.callq.bench.result.RunSummary",
            "golden/max-rate/max-rate.json, dev.callq.bench.maxrate.MaxRateJson",
            "saved/max-rate-sip-schema1-b9a0563/max-rate.json, dev.callq.bench.maxrate.MaxRateJson",
            "saved/sweep-schema1-b9a0563/sweep.json, dev.callq.bench.sweep.SweepFiles$SweepReport",
            "golden/sweep-workers/sweep.json, dev.callq.bench.sweep.SweepFiles$SweepReport",
            "golden/suite/rates/sweep.json, dev.callq.bench.sweep.SweepFiles$SweepReport",
            "saved/plan-schema2-b9a0563/plan.json, dev.callq.bench.plan.PlanFile",
            "golden/plan/plan.json, dev.callq.bench.plan.PlanFile"})
    void aSavedFileReadsIntoItsRecordAndWritesBackEveryFieldItHeld(String fixture, String type) throws Exception {
        Path file = resource(fixture);
        Object record = STRICT.readValue(file.toFile(), Class.forName(type));

        List<String> lost = new ArrayList<>();
        missingFrom(STRICT.valueToTree(record), STRICT.readTree(file.toFile()), "", lost);
        assertThat(lost).as("fields of " + fixture + " that its record does not write back as they were").isEmpty();
    }

    @Test
    void theSavedSummaryOfThisSchemaHoldsTheFieldsTheReportsRead() throws IOException {
        RunSummary summary = SummaryJson.read(resource("saved/run-schema1-79d2764"));

        assertThat(summary.schema()).isEqualTo(RunSummary.SCHEMA);
        assertThat(summary.provenance()).isNotNull();
        ClientResult client = summary.clients().get(0);
        assertThat(client.client()).isEqualTo("jedis");
        assertThat(client.sustained()).isNotNull();
        assertThat(client.producer().scheduledRate()).isPositive();
    }

    @Test
    void aRenamedFieldFailsTheStrictReadInsteadOfReadingZero() throws IOException {
        ObjectNode summary = (ObjectNode) STRICT.readTree(resource("saved/run-schema1-79d2764/summary.json").toFile());
        ObjectNode events = (ObjectNode) required(summary, "/clients/0/events");
        events.set("lostEvents", events.remove("lost"));

        assertThatThrownBy(() -> STRICT.treeToValue(summary, RunSummary.class))
                .isInstanceOf(UnrecognizedPropertyException.class)
                .hasMessageContaining("\"lostEvents\"");
    }

    @ParameterizedTest(name = "{0}: {1} renamed")
    @CsvSource({
            "saved/sweep-schema1-b9a0563/sweep.json, /cells/0, eventsLost, dev.callq.bench.sweep.SweepFiles$SweepReport",
            "saved/plan-schema2-b9a0563/plan.json, /clients/0, recommendedWorkers, dev.callq.bench.plan.PlanFile",
            "saved/plan-schema2-b9a0563/plan.json, /clients/0/erlangC, predictedSloWaitMicros, dev.callq.bench.plan.PlanFile",
            "saved/max-rate-sip-schema1-b9a0563/max-rate.json, /probes/0, sloMeasuredMicros, dev.callq.bench.maxrate.MaxRateJson"})
    void aRenamedFieldOfAnyFileFailsTheStrictRead(String fixture, String parent, String field, String type)
            throws Exception {
        ObjectNode root = (ObjectNode) STRICT.readTree(resource(fixture).toFile());
        ObjectNode holder = (ObjectNode) required(root, parent);
        holder.set(field + "Renamed", holder.remove(field));

        assertThatThrownBy(() -> STRICT.treeToValue(root, Class.forName(type)))
                .isInstanceOf(UnrecognizedPropertyException.class)
                .hasMessageContaining("\"" + field + "Renamed\"");
    }

    /** Adds to {@code lost} the path of every field of {@code saved} that {@code written} lacks or holds otherwise. */
    private static void missingFrom(JsonNode written, JsonNode saved, String path, List<String> lost) {
        if (saved.isObject() && written.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = saved.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String at = path + "/" + field.getKey();
                if (!written.has(field.getKey())) {
                    lost.add(at + " (not written)");
                } else {
                    missingFrom(written.get(field.getKey()), field.getValue(), at, lost);
                }
            }
        } else if (saved.isArray() && written.isArray() && saved.size() == written.size()) {
            for (int i = 0; i < saved.size(); i++) {
                missingFrom(written.get(i), saved.get(i), path + "/" + i, lost);
            }
        } else if (saved.isNumber() && written.isNumber()) {
            // a long written from an int field, say: the same number in another node type
            if (saved.decimalValue().compareTo(written.decimalValue()) != 0) {
                lost.add(path + " (saved " + saved + ", written " + written + ")");
            }
        } else if (!saved.equals(written)) {
            lost.add(path + " (saved " + saved + ", written " + written + ")");
        }
    }

    private static Path resource(String name) {
        return Path.of("src/test/resources").resolve(name);
    }
}
