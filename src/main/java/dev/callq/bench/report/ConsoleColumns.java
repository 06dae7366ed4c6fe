package dev.callq.bench.report;

import java.util.List;
import java.util.Locale;

/** Lines of cells as the console shows them: the label column left-aligned, the figures right-aligned. */
final class ConsoleColumns {
    private ConsoleColumns() {
    }

    /** Every line must have as many cells as the first. */
    static String align(List<String[]> lines) {
        int columns = lines.get(0).length;
        int[] widths = new int[columns];
        for (String[] line : lines) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] line : lines) {
            out.append(String.format(Locale.ROOT, "%-" + widths[0] + "s", line[0]));
            for (int i = 1; i < columns; i++) {
                out.append("  ").append(String.format(Locale.ROOT, "%" + widths[i] + "s", line[i]));
            }
            out.append('\n');
        }
        return out.toString();
    }
}
