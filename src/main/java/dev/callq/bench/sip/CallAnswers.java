package dev.callq.bench.sip;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.callq.bench.HarnessException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the UAC's calls were answered, by final answer class, as SIPp saw them.
 *
 * @param success       2xx: the answers the scenario timed ({@code rtd="true"} on the INVITE's 200)
 * @param redirection   3xx, client errors 4xx, server errors 5xx (what Kamailio answers when its push
 *                      fails) and global failures 6xx: the calls SIPp aborted on that reply instead of
 *                      the one its scenario expected, from SIPp's error log
 * @param timeouts      calls SIPp gave up on for want of any reply (UDP retransmissions exhausted, or a
 *                      receive timeout), from SIPp's statistics
 */
public record CallAnswers(@JsonProperty("2xx") long success, @JsonProperty("3xx") long redirection,
                          @JsonProperty("4xx") long clientError, @JsonProperty("5xx") long serverError,
                          @JsonProperty("6xx") long globalFailure, long timeouts) {
    // SIPp's error log: "2026-12-07\t10:24:02.579238\t1796639042.579238: Aborting call on unexpected message for
    // Call-Id '…': while expecting '200' (index 4), received 'SIP/2.0 503 Service Unavailable"
    private static final Pattern UNEXPECTED_ANSWER = Pattern.compile("(?:(\\d+)\\.(\\d{6}): )?Aborting call on "
            + "unexpected message for Call-Id '([^']*)'.*received 'SIP/2\\.0 ([1-6]\\d\\d) ");
    private static final Pattern CSEQ = Pattern.compile("(?m)^CSeq:\\s*\\d+\\s+([A-Za-z]+)");
    static final List<String> TIMEOUT_COLUMNS = List.of("FailedMaxUDPRetrans(C)", "FailedTimeoutOnRecv(C)");

    /**
     * Reads the classes from one UAC run's files.
     *
     * @param timedAnswers the 200s the scenario timed (the post-dial delay samples)
     * @param errorFile    SIPp's {@code -trace_err} file; absent when nothing went wrong
     * @param statCsv      SIPp's {@code -trace_stat} file
     */
    static CallAnswers read(long timedAnswers, Path errorFile, Path statCsv) {
        long[] byClass = new long[7];
        failureCodes(errorFile, null).forEach((code, count) -> byClass[code / 100] += count);
        return new CallAnswers(timedAnswers, byClass[3], byClass[4], byClass[5], byClass[6],
                SippStats.sumOfLastRow(statCsv, TIMEOUT_COLUMNS));
    }

    /**
     * The answers SIPp aborted a call on, by status code (500 → 12), from its {@code -trace_err} file; empty
     * when the file is absent (nothing went wrong).
     *
     * @param method only the answers to this request (their CSeq's method, "INVITE"), or null for all
     */
    static Map<Integer, Long> failureCodes(Path errorFile, String method) {
        Map<Integer, Long> byCode = new TreeMap<>();
        for (Aborted answer : aborted(errorFile)) {
            if (method == null || method.equalsIgnoreCase(answer.method())) {
                byCode.merge(answer.code(), 1L, Long::sum);
            }
        }
        return byCode;
    }

    /**
     * One answer SIPp aborted a call on.
     *
     * @param method       the method of the request it answers (its CSeq's), or null when it quotes none
     * @param loggedMicros when SIPp logged it, as it processed the answer (epoch micros, its wall clock), or
     *                     null when the entry carries no time stamp
     */
    record Aborted(String callId, int code, String method, Long loggedMicros) {
    }

    /** Every answer SIPp aborted a call on, in the order of its {@code -trace_err} file; none when the file is absent. */
    static List<Aborted> aborted(Path errorFile) {
        List<Aborted> answers = new ArrayList<>();
        if (!Files.exists(errorFile)) {
            return answers;
        }
        String log;
        try {
            log = Files.readString(errorFile, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new HarnessException("cannot read SIPp error log " + errorFile + ": " + e.getMessage(), e);
        }
        // Each entry quotes the whole message received, over several lines, up to the next entry.
        Matcher answer = UNEXPECTED_ANSWER.matcher(log);
        boolean found = answer.find();
        while (found) {
            int code = Integer.parseInt(answer.group(4));
            String callId = answer.group(3);
            Long micros = answer.group(1) == null ? null
                    : Long.parseLong(answer.group(1)) * 1_000_000 + Long.parseLong(answer.group(2));
            int entryStart = answer.end();
            found = answer.find();
            String quoted = log.substring(entryStart, found ? answer.start() : log.length());
            Matcher cseq = CSEQ.matcher(quoted);
            answers.add(new Aborted(callId, code, cseq.find() ? cseq.group(1) : null, micros));
        }
        return answers;
    }

    /** The failed calls by class, e.g. "SIPp got 12 × 5xx, 3 × no answer", or empty when there were none. */
    public String describeFailures() {
        List<String> parts = new ArrayList<>();
        long[] counts = {redirection, clientError, serverError, globalFailure};
        String[] names = {"3xx", "4xx", "5xx", "6xx"};
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                parts.add(counts[i] + " × " + names[i]);
            }
        }
        if (timeouts > 0) {
            parts.add(timeouts + " × no answer");
        }
        return parts.isEmpty() ? "" : "SIPp got " + String.join(", ", parts);
    }
}
