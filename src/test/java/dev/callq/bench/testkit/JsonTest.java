package dev.callq.bench.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTest {
    private final JsonNode summary = read("{\"events\":{\"lost\":0,\"note\":null},\"clients\":[{\"client\":\"jedis\"}]}");

    @Test
    void aPresentFieldIsReadEvenWhenItIsZero() {
        assertThat(Json.required(summary, "/events/lost").asLong()).isZero();
        assertThat(Json.required(summary, "/clients/0/client").asText()).isEqualTo("jedis");
    }

    @Test
    void aMissingOrRenamedFieldFailsInsteadOfReadingZero() {
        assertThat(summary.at("/events/lostEvents").asLong()).as("what a plain at() reads").isZero();
        assertThatThrownBy(() -> Json.required(summary, "/events/lostEvents"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("missing field /events/lostEvents");
    }

    @Test
    void aNullFieldFails() {
        assertThatThrownBy(() -> Json.required(summary, "/events/note"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("is null");
    }

    private static JsonNode read(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
