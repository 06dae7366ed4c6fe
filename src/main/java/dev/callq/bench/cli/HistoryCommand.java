package dev.callq.bench.cli;

import dev.callq.bench.ExitCode;
import dev.callq.bench.HarnessException;
import dev.callq.bench.compare.MachineRecord;
import dev.callq.bench.compare.ResultSet;
import dev.callq.bench.history.History;
import dev.callq.bench.history.HistoryAnalysis;
import dev.callq.bench.history.HistoryEntries;
import dev.callq.bench.history.HistoryEntry;
import dev.callq.bench.history.HistoryMarkdown;
import dev.callq.bench.report.HistoryHtml;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code callq history DIR [--add RESULTS]}: keeps every CI run's cells and finds the commits where a metric
 * changed. Exit 0; 4 with {@code --gate} when the added run reveals a regression; 2 bad input.
 */
@Command(name = "history", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Reads a history of results (one JSON-lines file per cell), optionally after adding a results "
                + "folder to it, and reports each cell's change points: E-divisive means with Student's t-test, as "
                + "Apache Otava does. Writes history.md and report.html.",
                "Exit codes: 0 done; 4 with --gate, the run just added revealed a change point that makes a metric "
                        + "worse by at least --min-change; 2 bad input, in one line."})
public final class HistoryCommand implements Callable<Integer> {
    static final String MARKDOWN_FILE = "history.md";

    @Parameters(index = "0", paramLabel = "DIR", description = "the history folder (created by --add)")
    Path dir;

    @Option(names = "--add", paramLabel = "RESULTS", description = "a results folder (suite, sweep or run) to append "
            + "to the history first, one line per cell")
    Path add;

    @Option(names = "--commit", description = "the commit the added results measured (default: the one their "
            + "summaries record)")
    String commit;

    @Option(names = "--max-p", defaultValue = "0.001", description = "the largest p-value of a change point "
            + "(default: ${DEFAULT-VALUE}, Otava's)")
    double maxP;

    @Option(names = "--min-change", defaultValue = "5%", description = "the smallest relative change worth "
            + "reporting (default: ${DEFAULT-VALUE})")
    String minChange;

    @Option(names = "--gate", description = "exit 4 when the run added by --add reveals a change point that makes "
            + "a metric worse")
    boolean gate;

    @Option(names = "--out", description = "where history.md and report.html go (default: DIR)")
    Path outDir;

    @Override
    public Integer call() throws IOException {
        double smallestChange = percent(minChange);
        if (gate && add == null) {
            throw new IllegalArgumentException("--gate judges the run that --add appends: give --add RESULTS");
        }
        String added = null;
        if (add != null) {
            ResultSet results = ResultSet.load(add);
            added = commit != null ? commit : HistoryEntries.recordedCommit(results);
            if (added == null) {
                throw new HarnessException(add + " records no single commit (built outside git?): give --commit");
            }
            List<HistoryEntry> entries = HistoryEntries.of(results, added, Instant.now().truncatedTo(ChronoUnit.SECONDS),
                    MachineRecord.current());
            History.append(dir, entries);
            System.out.println("added " + entries.size() + " cells of commit " + added + " to " + dir);
        }
        HistoryAnalysis analysis = HistoryAnalysis.of(History.load(dir), maxP, smallestChange);
        String markdown = HistoryMarkdown.render(analysis);
        List<HistoryAnalysis.Finding> regressions = gate ? analysis.newRegressions(added) : List.of();
        if (gate) {
            markdown += regressions.isEmpty() ? "\nResult: no new regression at " + added + ".\n"
                    : "\nResult: **" + regressions.size() + " new regression(s)**: " + String.join("; ",
                    regressions.stream().map(f -> f.series().cell() + " " + f.series().metric().label() + " "
                            + HistoryMarkdown.signed(f.point().change()) + " from " + f.commit()).toList()) + ".\n";
        }
        Path out = outDir != null ? outDir : dir;
        Files.createDirectories(out);
        Files.writeString(out.resolve(MARKDOWN_FILE), markdown, StandardCharsets.UTF_8);
        System.out.print(markdown);
        System.out.println("history: " + out.resolve(MARKDOWN_FILE) + ", report: " + HistoryHtml.write(out, analysis));
        return regressions.isEmpty() ? ExitCode.OK : ExitCode.REGRESSION;
    }

    private static double percent(String text) {
        String trimmed = text.trim();
        try {
            if (trimmed.endsWith("%")) {
                double fraction = Double.parseDouble(trimmed.substring(0, trimmed.length() - 1).trim()) / 100;
                if (fraction >= 0) {
                    return fraction;
                }
            }
        } catch (NumberFormatException e) {
            // falls through to the one-line error
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT, "--min-change '%s' is not a percentage like 5%%",
                text));
    }
}
