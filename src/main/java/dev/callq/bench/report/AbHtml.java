package dev.callq.bench.report;

import dev.callq.bench.HarnessException;
import dev.callq.bench.compare.CellKey;
import dev.callq.bench.compare.CellMeasurement;
import dev.callq.bench.compare.ResultSet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The report of a same-runner A/B folder ({@code callq ab}): the gate's verdict first, then every cell's
 * repeats side by side (the typical p99 the gate tests, and the whole-run p99), a chart of the per-repeat
 * typical p99 per cell, base against current, and the comparison table.
 */
public final class AbHtml {
    static final String BASE = "base";
    static final String CURRENT = "current";
    static final String COMPARE_FILE = "compare.md";

    private AbHtml() {
    }

    /** True when {@code dir} is an A/B folder: base/ and current/ beside each other. */
    public static boolean isAbFolder(Path dir) {
        return Files.isDirectory(dir.resolve(BASE)) && Files.isDirectory(dir.resolve(CURRENT));
    }

    public static Path write(Path dir) {
        return render(dir).writeTo(dir);
    }

    static HtmlPage render(Path dir) {
        ResultSet base = ResultSet.load(dir.resolve(BASE));
        ResultSet current = ResultSet.load(dir.resolve(CURRENT));
        String compare = readCompare(dir);
        HtmlPage page = new HtmlPage("callq-bench A/B", "callq-bench A/B: base vs current",
                "same machine, cells interleaved ABBA, a fresh JVM each");
        boolean passed = compare != null && compare.contains("Result: no regression.");
        page.verdict(passed, compare == null ? "not compared yet (no compare.md)"
                : compare.lines().filter(l -> l.startsWith("Result:")).findFirst().orElse("Result: unknown")
                .replace("*", ""));
        perRepeatP99(page, base, current);
        page.heading("The gate");
        if (compare != null) {
            MarkdownTables.render(compare, page);
        }
        page.noteMarkup("Rebuilt from <code>base/</code>, <code>current/</code> and <code>compare.md</code> "
                + "by <code>callq report</code>.");
        return page;
    }

    /** The per-repeat p99 of every cell, base beside current: a bar chart and its table. */
    static void perRepeatP99(HtmlPage page, ResultSet base, ResultSet current) {
        Set<CellKey> keys = new LinkedHashSet<>(base.cells().keySet());
        keys.addAll(current.cells().keySet());
        List<List<String>> rows = new ArrayList<>();
        List<String> categories = new ArrayList<>();
        Map<String, List<Double>> bars = new LinkedHashMap<>();
        bars.put(BASE, new ArrayList<>());
        bars.put(CURRENT, new ArrayList<>());
        for (CellKey key : keys) {
            List<CellMeasurement> before = base.cells().getOrDefault(key, List.of());
            List<CellMeasurement> after = current.cells().getOrDefault(key, List.of());
            for (int repeat = 0; repeat < Math.max(before.size(), after.size()); repeat++) {
                CellMeasurement b = repeat < before.size() ? before.get(repeat) : null;
                CellMeasurement c = repeat < after.size() ? after.get(repeat) : null;
                rows.add(List.of(key.toString(), Integer.toString(repeat + 1), typical(b), typical(c), whole(b), whole(c)));
                categories.add(key + " r" + (repeat + 1));
                bars.get(BASE).add(b == null ? 0.0 : b.typicalP99Micros() / 1000);
                bars.get(CURRENT).add(c == null ? 0.0 : c.typicalP99Micros() / 1000);
            }
        }
        page.heading("Per-repeat p99 per cell");
        page.chart(Charts.bars("ab-p99", "typical-second p99 enqueue→dequeue, per repeat", "ms", categories, bars),
                "no cell measured");
        page.table(Table.of(List.of("cell", "repeat", "base typical p99 (ms)", "current typical p99 (ms)",
                "base whole-run p99 (ms)", "current whole-run p99 (ms)"), rows));
    }

    private static String readCompare(Path dir) {
        Path file = dir.resolve(COMPARE_FILE);
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            throw new HarnessException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String typical(CellMeasurement m) {
        return m == null ? "-" : String.format(Locale.ROOT, "%.2f", m.typicalP99Micros() / 1000);
    }

    private static String whole(CellMeasurement m) {
        return m == null ? "-" : String.format(Locale.ROOT, "%.2f", m.p99Micros() / 1000.0);
    }
}
