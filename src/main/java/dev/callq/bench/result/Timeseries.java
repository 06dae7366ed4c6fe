package dev.callq.bench.result;

import dev.callq.bench.HarnessException;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code <client>-timeseries.csv}, one row per second of a run, specified once where it is both written and
 * read: a header naming the columns, then one row a second. Readers find each column by its name, so a
 * column added later moves none of the others. Documented in results/README.md.
 */
public final class Timeseries {
    public static final String SUFFIX = "-timeseries.csv";
    static final List<String> COLUMNS = List.of("epochSecond", "consumedPerSec", "backlog", "p99EnqueueToDequeueMicros");

    private Timeseries() {
    }

    /**
     * One row: what happened in one second.
     *
     * @param consumedPerSec every payload taken off the queue in that second (warm-up and malformed included)
     * @param backlog        LLEN, or the stream group's lag, at the end of the second
     */
    public record Second(long epochSecond, double consumedPerSec, long backlog, long p99EnqueueToDequeueMicros) {
    }

    /** Where a client's time series is in a results folder. */
    public static Path file(Path outDir, String client) {
        return outDir.resolve(client + SUFFIX);
    }

    /** Every row of a finished time series; a row that does not parse is a one-line error naming the file. */
    public static List<Second> read(Path csv) {
        try {
            return parse(csv, Files.readAllLines(csv, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new HarnessException("cannot read " + csv + ": " + e.getMessage(), e);
        }
    }

    /** The rows of a time series still being written: a last line without its newline is left for later. */
    public static List<Second> readCompleteRows(Path csv) throws IOException {
        String text = Files.readString(csv, StandardCharsets.UTF_8);
        return parse(csv, text.substring(0, text.lastIndexOf('\n') + 1).lines().toList());
    }

    private static List<Second> parse(Path csv, List<String> lines) {
        if (lines.isEmpty()) {
            return List.of();
        }
        List<String> header = Arrays.stream(lines.get(0).split(",")).map(String::strip).toList();
        int[] column = new int[COLUMNS.size()];
        for (int i = 0; i < column.length; i++) {
            column[i] = header.indexOf(COLUMNS.get(i));
            if (column[i] < 0) {
                throw new HarnessException(csv + " has no " + COLUMNS.get(i) + " column; its header is " + lines.get(0));
            }
        }
        List<Second> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split(",");
            try {
                rows.add(new Second(Long.parseLong(fields[column[0]].strip()), Double.parseDouble(fields[column[1]].strip()),
                        Long.parseLong(fields[column[2]].strip()), Long.parseLong(fields[column[3]].strip())));
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new HarnessException(csv + " line " + (i + 1) + " is not " + String.join(",", COLUMNS) + ": " + line);
            }
        }
        return List.copyOf(rows);
    }

    /** Appends rows as a run goes, each flushed whole so that a follower never reads half a row. */
    public static final class Writer implements AutoCloseable {
        private final PrintWriter out;

        public Writer(Path csv) throws IOException {
            this.out = new PrintWriter(Files.newBufferedWriter(csv, StandardCharsets.UTF_8));
            out.println(String.join(",", COLUMNS));
            out.flush();
        }

        public void append(Second second) {
            out.printf(Locale.ROOT, "%d,%.1f,%d,%d%n", second.epochSecond(), second.consumedPerSec(), second.backlog(),
                    second.p99EnqueueToDequeueMicros());
            out.flush();
        }

        @Override
        public void close() {
            out.close();
        }
    }
}
