package dev.callq.bench.event;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PayloadFormatTest {
    @Test
    void jsonEventFromKamailioDecodesWithMicrosecondPrecision() throws Exception {
        CallEvent event = PayloadFormat.JSON.decode(
                "{\"callId\":\"1-2345@127.0.0.1\",\"kind\":\"INVITE\",\"enqueuedAt\":\"1795696117.000042\"}");

        assertThat(event.callId()).isEqualTo("1-2345@127.0.0.1");
        assertThat(event.kind()).isEqualTo(EventKind.INVITE);
        assertThat(event.enqueuedAtMicros()).isEqualTo(1_795_696_117_000_042L);
        assertThat(event.isWarmup()).isFalse();
    }

    @Test
    void numericStampIsReadFromItsTextNotThroughADouble() throws Exception {
        CallEvent event = PayloadFormat.JSON.decode(
                "{\"callId\":\"a\",\"kind\":\"bye\",\"enqueuedAt\":1795696117.123457}");

        assertThat(event.kind()).isEqualTo(EventKind.BYE);
        assertThat(event.enqueuedAtMicros()).isEqualTo(1_795_696_117_123_457L);
    }

    @Test
    void aPayloadOfTheOtherFormatGetsAHintNamingIt() {
        String json = "{\"callId\":\"a@b\",\"kind\":\"INVITE\",\"enqueuedAt\":\"1700000000.123456\"}";
        assertThat(PayloadFormat.CALLID.mismatchHint(json)).isEqualTo("; it reads as --payload json: the script "
                + "pushes json events, so run with --payload json");
        assertThat(PayloadFormat.JSON.mismatchHint("a@b")).contains("--payload callid");
        assertThat(PayloadFormat.JSON.mismatchHint("{not json")).isEmpty();
    }

    @Test
    void encodeThenDecodeGivesTheSameEvent() throws Exception {
        CallEvent event = new CallEvent("warmup-3-9@h \"quoted\"", EventKind.BYE, 1_700_000_000_000_001L);

        CallEvent decoded = PayloadFormat.JSON.decode(PayloadFormat.JSON.encode(event));

        assertThat(decoded).isEqualTo(event);
        assertThat(decoded.isWarmup()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain-1@host", "with \"quotes\" and \\ backslash", "tab\there\u0001ctl", "é€😀", "%s%n"})
    void anyCallIdSurvivesEncodeThenDecode(String callId) throws Exception {
        for (long stamp : new long[] {0, 5, 1_700_000_000_000_010L, 1_700_000_000_123_456L, 1_700_000_000_100_000L}) {
            CallEvent event = new CallEvent(callId, EventKind.INVITE, stamp);

            assertThat(PayloadFormat.JSON.decode(PayloadFormat.JSON.encode(event))).isEqualTo(event);
        }
    }

    @Test
    void theEncodedShapeIsKamailiosAndSpacedOrReorderedFieldsReadTheSame() throws Exception {
        CallEvent event = new CallEvent("c-1", EventKind.BYE, 1_700_000_000_000_042L);

        assertThat(PayloadFormat.JSON.encode(event))
                .isEqualTo("{\"callId\":\"c-1\",\"kind\":\"BYE\",\"enqueuedAt\":\"1700000000.000042\"}");
        assertThat(PayloadFormat.JSON.decode(
                "{ \"enqueuedAt\": \"1700000000.000042\", \"kind\": \"BYE\", \"callId\": \"c-1\" }")).isEqualTo(event);
        assertThat(PayloadFormat.JSON.decode(
                "{\"callId\":\"c-1\",\"kind\":\"BYE\",\"enqueuedAt\":\"1700000000.000042\",\"x\":1}")).isEqualTo(event);
        assertThat(PayloadFormat.JSON.decode(
                "{\"callId\":\"c-1\",\"kind\":\"BYE\",\"enqueuedAt\":\"1700000000.000042\"}")).isEqualTo(event);
        assertThat(PayloadFormat.JSON.decode(
                "{\"callId\":\"c-1\",\"kind\":\"BYE\",\"enqueuedAt\":\"1700000000.42\"}").enqueuedAtMicros())
                .isEqualTo(1_700_000_000_420_000L);
    }

    @Test
    void bareCallIdHasNoStampAndNoKind() throws Exception {
        CallEvent event = PayloadFormat.CALLID.decode("call-1-99@127.0.0.1");

        assertThat(event.hasStamp()).isFalse();
        assertThat(event.kind()).isEqualTo(EventKind.UNKNOWN);
        assertThat(event.callId()).isEqualTo("call-1-99@127.0.0.1");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "not json",
            "[1,2]",
            "{\"kind\":\"INVITE\",\"enqueuedAt\":\"1.000001\"}",
            "{\"callId\":\"a\",\"enqueuedAt\":\"1.000001\"}",
            "{\"callId\":\"a\",\"kind\":\"CANCEL\",\"enqueuedAt\":\"1.000001\"}",
            "{\"callId\":\"a\",\"kind\":\"INVITE\"}",
            "{\"callId\":\"a\",\"kind\":\"INVITE\",\"enqueuedAt\":\"yesterday\"}",
            "{\"callId\":\"a\",\"kind\":\"INVITE\",\"enqueuedAt\":\"1.1234567\"}",
            "{\"callId\":\"a\",\"kind\":\"INVITE\",\"enqueuedAt\":\"-5.000001\"}",
            "{\"callId\":\"a\",\"kind\":\"INVITE\",\"enqueuedAt\":\"1.000001\"} trailing",
            "{\"callId\":\"a\",\"kind\":\"INVITE\",\"enqueuedAt\":\"1.000001\""
    })
    void malformedJsonIsRejectedWithAReason(String payload) {
        assertThatThrownBy(() -> PayloadFormat.JSON.decode(payload))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageNotContaining("\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{\"callId\":\"a\"}", "two words"})
    void malformedCallIdIsRejected(String payload) {
        assertThatThrownBy(() -> PayloadFormat.CALLID.decode(payload)).isInstanceOf(MalformedEventException.class);
    }

    @Test
    void eachCompletedCallPushesTwoJsonEventsOrOneCallId() {
        assertThat(PayloadFormat.JSON.eventsPerCall()).isEqualTo(2);
        assertThat(PayloadFormat.CALLID.eventsPerCall()).isEqualTo(1);
    }
}
