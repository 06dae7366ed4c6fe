package dev.callq.bench.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Locale;

/**
 * The two payloads the queue carries.
 * <ul>
 *   <li>{@link #JSON}: {@code {"callId":"…","kind":"INVITE","enqueuedAt":"1700000000.123456"}}. The stamp is
 *       Kamailio's {@code $TV(Sn)} "sec.usec" string, kept as text because a double cannot hold
 *       sixteen significant digits.</li>
 *   <li>{@link #CALLID}: the seed system's bare Call-ID, pushed on the initial INVITE only. It carries
 *       no stamp; latency is measured from the time SIPp sent the INVITE.</li>
 * </ul>
 */
public enum PayloadFormat {
    JSON,
    CALLID;

    private static final JsonFactory JSON_FACTORY = new JsonFactory();

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Events Kamailio pushes per completed call: INVITE and BYE, or the INVITE alone. */
    public int eventsPerCall() {
        return this == JSON ? 2 : 1;
    }

    public CallEvent decode(String payload) throws MalformedEventException {
        if (payload == null || payload.isEmpty()) {
            throw new MalformedEventException("empty payload");
        }
        return this == JSON ? decodeJson(payload) : decodeCallId(payload);
    }

    public String encode(CallEvent event) {
        if (this == CALLID) {
            return event.callId();
        }
        StringWriter out = new StringWriter(96);
        try (JsonGenerator json = JSON_FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("callId", event.callId());
            json.writeStringField("kind", event.kind().name());
            json.writeStringField("enqueuedAt", formatStamp(event.enqueuedAtMicros()));
            json.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing JSON to a string cannot fail", e);
        }
        return out.toString();
    }

    private static CallEvent decodeCallId(String payload) throws MalformedEventException {
        if (payload.startsWith("{") || payload.chars().anyMatch(c -> c <= ' ')) {
            throw new MalformedEventException("not a bare Call-ID");
        }
        return new CallEvent(payload, EventKind.UNKNOWN, CallEvent.NO_STAMP);
    }

    private static CallEvent decodeJson(String payload) throws MalformedEventException {
        String callId = null;
        String kind = null;
        String stamp = null;
        try (JsonParser json = JSON_FACTORY.createParser(payload)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedEventException("not a JSON object");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                switch (field) {
                    case "callId" -> callId = json.getValueAsString();
                    case "kind" -> kind = json.getValueAsString();
                    case "enqueuedAt" -> stamp = value.isNumeric() ? json.getText() : json.getValueAsString();
                    default -> json.skipChildren();
                }
            }
            if (json.currentToken() != JsonToken.END_OBJECT || json.nextToken() != null) {
                throw new MalformedEventException("trailing data after the JSON object");
            }
        } catch (IOException e) {
            throw new MalformedEventException("invalid JSON: " + firstLine(e.getMessage()));
        }
        if (callId == null || callId.isEmpty()) {
            throw new MalformedEventException("missing callId");
        }
        return new CallEvent(callId, parseKind(kind), parseStamp(stamp));
    }

    private static EventKind parseKind(String kind) throws MalformedEventException {
        if (kind == null) {
            throw new MalformedEventException("missing kind");
        }
        return switch (kind.toUpperCase(Locale.ROOT)) {
            case "INVITE" -> EventKind.INVITE;
            case "BYE" -> EventKind.BYE;
            default -> throw new MalformedEventException("unknown kind '" + kind + "'");
        };
    }

    /** Parses "sec.usec" (as {@code $TV(Sn)} prints it) into epoch microseconds, without floating point. */
    static long parseStamp(String stamp) throws MalformedEventException {
        if (stamp == null) {
            throw new MalformedEventException("missing enqueuedAt");
        }
        int dot = stamp.indexOf('.');
        try {
            if (dot < 0) {
                return Math.multiplyExact(Long.parseLong(stamp), 1_000_000L);
            }
            String fraction = stamp.substring(dot + 1);
            if (fraction.isEmpty() || fraction.length() > 6 || !fraction.chars().allMatch(Character::isDigit)) {
                throw new MalformedEventException("enqueuedAt '" + stamp + "' is not sec.usec");
            }
            long seconds = Long.parseLong(stamp.substring(0, dot));
            long micros = Long.parseLong((fraction + "00000").substring(0, 6));
            if (seconds < 0) {
                throw new MalformedEventException("enqueuedAt '" + stamp + "' is negative");
            }
            return Math.addExact(Math.multiplyExact(seconds, 1_000_000L), micros);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new MalformedEventException("enqueuedAt '" + stamp + "' is not sec.usec");
        }
    }

    /** "sec.usec" with six fraction digits, as {@code $TV(Sn)} prints it; on the producer's hot path, so no String.format. */
    static String formatStamp(long epochMicros) {
        String fraction = Long.toString(1_000_000L + Math.floorMod(epochMicros, 1_000_000L));
        return Math.floorDiv(epochMicros, 1_000_000L) + "." + fraction.substring(1);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    public static PayloadFormat fromCliName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
