package dev.callq.bench.sip;

import dev.callq.bench.HarnessException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Call counts of one SIPp UAC run, read from the final line of its {@code -trace_stat} CSV
 * (fields separated by ';', "(C)" columns cumulative since the start).
 *
 * @param attempted calls the UAC started: OutgoingCall(C)
 * @param succeeded calls that reached the end of the scenario: SuccessfulCall(C)
 * @param failed    calls aborted on an unexpected reply, a timeout or a send error: FailedCall(C)
 * @param statCsv   the per-second statistics file the counts were read from
 * @param retransmissions messages the UAC sent again for want of an answer: Retransmissions(C)
 */
public record SippStats(long attempted, long succeeded, long failed, Path statCsv, long retransmissions) {
    private static final String RETRANSMISSIONS = "Retransmissions(C)";

    /** Counts without the retransmissions. */
    public SippStats(long attempted, long succeeded, long failed, Path statCsv) {
        this(attempted, succeeded, failed, statCsv, 0);
    }

    private static final String ATTEMPTED = "OutgoingCall(C)";
    private static final String SUCCEEDED = "SuccessfulCall(C)";
    private static final String FAILED = "FailedCall(C)";

    /** Parses the header and the last data line of a SIPp statistics CSV. */
    public static SippStats parse(Path statCsv) {
        List<String> lines = dataLines(statCsv);
        List<String> header = Arrays.asList(lines.get(0).split(";", -1));
        String[] last = lines.get(lines.size() - 1).split(";", -1);
        return new SippStats(
                column(statCsv, header, last, ATTEMPTED),
                column(statCsv, header, last, SUCCEEDED),
                column(statCsv, header, last, FAILED),
                statCsv,
                column(statCsv, header, last, RETRANSMISSIONS));
    }

    /** The sum of cumulative columns in the last line, e.g. the calls that failed on any kind of timeout. */
    static long sumOfLastRow(Path statCsv, List<String> columns) {
        List<String> lines = dataLines(statCsv);
        List<String> header = Arrays.asList(lines.get(0).split(";", -1));
        String[] last = lines.get(lines.size() - 1).split(";", -1);
        long sum = 0;
        for (String name : columns) {
            sum += column(statCsv, header, last, name);
        }
        return sum;
    }

    private static List<String> dataLines(Path statCsv) {
        List<String> lines;
        try {
            lines = Files.readAllLines(statCsv, StandardCharsets.ISO_8859_1).stream()
                    .filter(line -> !line.isBlank())
                    .toList();
        } catch (IOException e) {
            throw new HarnessException("cannot read SIPp statistics " + statCsv + ": " + e.getMessage(), e);
        }
        if (lines.size() < 2) {
            throw new HarnessException("SIPp statistics " + statCsv + " hold no data line");
        }
        return lines;
    }

    private static long column(Path statCsv, List<String> header, String[] row, String name) {
        int index = header.indexOf(name);
        if (index < 0 || index >= row.length) {
            throw new HarnessException("SIPp statistics " + statCsv + " have no column " + name);
        }
        try {
            return Long.parseLong(row[index].trim());
        } catch (NumberFormatException e) {
            throw new HarnessException("SIPp statistics " + statCsv + ": " + name + " is not a count: " + row[index]);
        }
    }
}
