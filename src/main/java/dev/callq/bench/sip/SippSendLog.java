package dev.callq.bench.sip;

import dev.callq.bench.HarnessException;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The UAC's send log, written by the {@code <log>} actions of uac.xml: "{@code <Call-ID> <epoch micros>}" just
 * before each INVITE goes out, and "{@code <Call-ID> <epoch micros> <code>}" as the INVITE's 180 or 200 is
 * received. SIPp prints its double variables with six decimals, so the micros arrive as
 * "1795695842501804.000000". A Call-ID holds no white space (RFC 3261's {@code word}), so the fields split on it.
 */
public final class SippSendLog {
    private SippSendLog() {
    }

    /** Call-ID to the wall-clock time the INVITE was sent, in microseconds since the epoch, in file order. */
    public static Map<String, Long> read(Path sendLog) {
        Map<String, Long> sentMicrosByCallId = new LinkedHashMap<>();
        List<String> lines = lines(sendLog);
        for (int i = 0; i < lines.size(); i++) {
            String[] fields = fields(sendLog, lines, i);
            if (fields.length != 2) {
                continue;
            }
            if (sentMicrosByCallId.putIfAbsent(fields[0], micros(sendLog, lines, i, fields[1])) != null) {
                throw new HarnessException("SIPp send log " + sendLog + " line " + (i + 1) + " repeats Call-ID " + fields[0]);
            }
        }
        return sentMicrosByCallId;
    }

    /**
     * Call-ID to the time its first 180 or 200 was received (epoch micros), for the calls that got one; empty
     * for a scenario that logs no answers.
     */
    public static Map<String, Long> firstAnswers(Path sendLog) {
        Map<String, Long> firstMicrosByCallId = new LinkedHashMap<>();
        List<String> lines = lines(sendLog);
        for (int i = 0; i < lines.size(); i++) {
            String[] fields = fields(sendLog, lines, i);
            if (fields.length == 3) {
                firstMicrosByCallId.merge(fields[0], micros(sendLog, lines, i, fields[1]), Math::min);
            }
        }
        return firstMicrosByCallId;
    }

    private static List<String> lines(Path sendLog) {
        try {
            return Files.readAllLines(sendLog, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new HarnessException("cannot read SIPp send log " + sendLog + ": " + e.getMessage(), e);
        }
    }

    /** The line's fields; none for a blank line; an error for any other count than 2 or 3. */
    private static String[] fields(Path sendLog, List<String> lines, int index) {
        String line = lines.get(index).strip();
        String[] fields = line.isEmpty() ? new String[0] : line.split("\\s+");
        if (fields.length == 1 || fields.length > 3) {
            throw notALine(sendLog, lines, index);
        }
        return fields;
    }

    private static long micros(Path sendLog, List<String> lines, int index, String text) {
        try {
            return new BigDecimal(text).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw notALine(sendLog, lines, index);
        }
    }

    private static HarnessException notALine(Path sendLog, List<String> lines, int index) {
        return new HarnessException("SIPp send log " + sendLog + " line " + (index + 1)
                + " is not '<Call-ID> <micros>' or '<Call-ID> <micros> <code>': " + lines.get(index));
    }
}
