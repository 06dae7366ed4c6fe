package dev.callq.bench.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
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
    /** The canonical JSON event, in four pieces around its three values. */
    private static final String CALL_ID_START = "{\"callId\":\"";
    private static final String KIND_START = "\",\"kind\":\"";
    private static final String STAMP_START = "\",\"enqueuedAt\":\"";
    private static final String END = "\"}";

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

    /**
     * For a payload this format refused: {@code "; it reads as --payload callid"} when another format reads it
     * (a script pushing another shape than the one asked for), else "". Only malformed events pay for it.
     */
    public String mismatchHint(String payload) {
        for (PayloadFormat other : values()) {
            if (other == this) {
                continue;
            }
            try {
                other.decode(payload);
                return "; it reads as --payload " + other.name().toLowerCase(Locale.ROOT) + ": the script pushes "
                        + other.name().toLowerCase(Locale.ROOT) + " events, so run with --payload "
                        + other.name().toLowerCase(Locale.ROOT);
            } catch (MalformedEventException | RuntimeException notThatEither) {
                // neither format reads it: no hint
            }
        }
        return "";
    }

    public String encode(CallEvent event) {
        if (this == CALLID) {
            return event.callId();
        }
        // Written by hand: the producer encodes every event it sends, and a JSON generator per event cost it
        // about 1 KB of garbage each. The shape is the one Kamailio's script writes.
        StringBuilder json = new StringBuilder(CALL_ID_START.length() + event.callId().length() + 56);
        json.append(CALL_ID_START);
        appendEscaped(json, event.callId());
        json.append(KIND_START).append(event.kind().name()).append(STAMP_START);
        appendStamp(json, event.enqueuedAtMicros());
        return json.append(END).toString();
    }

    /** A JSON string's content: quote, backslash and control characters escaped, the rest as is. */
    private static void appendEscaped(StringBuilder json, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
            } else {
                json.append(c);
            }
        }
    }

    private static CallEvent decodeCallId(String payload) throws MalformedEventException {
        if (payload.startsWith("{") || payload.chars().anyMatch(c -> c <= ' ')) {
            throw new MalformedEventException("not a bare Call-ID");
        }
        return new CallEvent(payload, EventKind.UNKNOWN, CallEvent.NO_STAMP);
    }

    private static CallEvent decodeJson(String payload) throws MalformedEventException {
        CallEvent canonical = decodeCanonical(payload);
        return canonical != null ? canonical : decodeAnyJson(payload);
    }

    /**
     * The shape {@link #encode} and Kamailio's script write, {@code {"callId":"…","kind":"INVITE","enqueuedAt":"s.us"}}
     * with no escape in the Call-ID, read without a parser: every event a worker takes goes through here. Null
     * for anything else (other field orders, spaces, escapes, odd stamps, errors), which the parser then reads:
     * whatever this accepts, the parser reads the same way.
     */
    private static CallEvent decodeCanonical(String payload) {
        if (!payload.startsWith(CALL_ID_START)) {
            return null;
        }
        int callIdEnd = payload.indexOf('"', CALL_ID_START.length());
        if (callIdEnd <= CALL_ID_START.length() || !payload.startsWith(KIND_START, callIdEnd)) {
            return null;
        }
        for (int i = CALL_ID_START.length(); i < callIdEnd; i++) {
            char c = payload.charAt(i);
            if (c == '\\' || c < 0x20) {
                return null;
            }
        }
        int kindStart = callIdEnd + KIND_START.length();
        EventKind kind = payload.startsWith("INVITE", kindStart) ? EventKind.INVITE
                : payload.startsWith("BYE", kindStart) ? EventKind.BYE : null;
        if (kind == null) {
            return null;
        }
        int stampStart = kindStart + kind.name().length();
        if (!payload.startsWith(STAMP_START, stampStart)) {
            return null;
        }
        stampStart += STAMP_START.length();
        int stampEnd = payload.length() - END.length();
        if (stampEnd <= stampStart || !payload.startsWith(END, stampEnd)) {
            return null;
        }
        long micros = canonicalStamp(payload, stampStart, stampEnd);
        return micros < 0 ? null : new CallEvent(payload.substring(CALL_ID_START.length(), callIdEnd), kind, micros);
    }

    /** Digits '.' one to six digits, as epoch microseconds; -1 for anything else (the parser's path says why). */
    private static long canonicalStamp(String payload, int from, int to) {
        int dot = payload.indexOf('.', from);
        // Up to 15 digits of seconds: far past any wall clock, and no overflow once scaled to microseconds.
        if (dot <= from || dot > from + 15 || dot >= to - 1 || to - dot - 1 > 6) {
            return -1;
        }
        long seconds = 0;
        for (int i = from; i < dot; i++) {
            char c = payload.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            seconds = seconds * 10 + (c - '0');
        }
        long micros = 0;
        for (int i = dot + 1; i < dot + 7; i++) {
            char c = i < to ? payload.charAt(i) : '0';
            if (c < '0' || c > '9') {
                return -1;
            }
            micros = micros * 10 + (c - '0');
        }
        return seconds * 1_000_000L + micros;
    }

    private static CallEvent decodeAnyJson(String payload) throws MalformedEventException {
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

    /** "sec.usec" with six fraction digits, as {@code $TV(Sn)} prints it. */
    static String formatStamp(long epochMicros) {
        StringBuilder stamp = new StringBuilder(24);
        appendStamp(stamp, epochMicros);
        return stamp.toString();
    }

    private static void appendStamp(StringBuilder out, long epochMicros) {
        long fraction = Math.floorMod(epochMicros, 1_000_000L);
        out.append(Math.floorDiv(epochMicros, 1_000_000L)).append('.');
        for (long digit = 100_000; digit > fraction && digit > 1; digit /= 10) {
            out.append('0');
        }
        out.append(fraction);
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
