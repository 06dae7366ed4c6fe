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
 * The UAC's INVITE send log: one line per call, "{@code <Call-ID> <epoch micros>}", written by the
 * {@code <log>} action of uac.xml just before the INVITE goes out. SIPp prints its double
 * variables with six decimals, so the micros arrive as "1795695842501804.000000".
 */
public final class SippSendLog {
    private SippSendLog() {
    }

    /** Call-ID to the wall-clock time the INVITE was sent, in microseconds since the epoch, in file order. */
    public static Map<String, Long> read(Path sendLog) {
        List<String> lines;
        try {
            lines = Files.readAllLines(sendLog, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new HarnessException("cannot read SIPp send log " + sendLog + ": " + e.getMessage(), e);
        }
        Map<String, Long> sentMicrosByCallId = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            Long micros = space > 0 ? parseMicros(line.substring(space + 1)) : null;
            if (micros == null) {
                throw new HarnessException("SIPp send log " + sendLog + " line " + (i + 1) + " is not '<Call-ID> <micros>': " + line);
            }
            String callId = line.substring(0, space).strip();
            if (sentMicrosByCallId.putIfAbsent(callId, micros) != null) {
                throw new HarnessException("SIPp send log " + sendLog + " line " + (i + 1) + " repeats Call-ID " + callId);
            }
        }
        return sentMicrosByCallId;
    }

    private static Long parseMicros(String text) {
        try {
            return new BigDecimal(text).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }
}
